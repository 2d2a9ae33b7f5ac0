"""Link two files of people and write the pairs that may be the same person.

    manage.py identity_link_files LEFT.csv RIGHT.csv --out PAIRS.csv
        [--model MODEL.json | --save-model MODEL.json] [--threshold P] [--language en|fr]

Both inputs have the columns record_id,family_name,given_names,date_of_birth,sex,
birth_place,postal_code (UTF-8, dates YYYY-MM-DD, blanks allowed). The output has
left_id,right_id,match_probability for every pair at or above the review threshold, most
probable first. By default the model is trained on the two files, without labels; --model
scores with a stored model instead. See guichet/identity_link/README.md.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from guichet.core import clock
from guichet.identity_link import linkage
from guichet.identity_link.files import FileRefused, people_read
from guichet.identity_link.model import REVIEW_THRESHOLD, LinkageModel


class Command(BaseCommand):
    help = "Link two CSV files of people: the pairs at or above the review threshold."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("left", type=Path)
        parser.add_argument("right", type=Path)
        parser.add_argument("--out", type=Path, required=True)
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--model", type=Path, help="score with this stored model")
        group.add_argument("--save-model", type=Path, help="store the model trained here")
        parser.add_argument("--threshold", type=float, help="review threshold (default: model's)")
        parser.add_argument(
            "--language", choices=("en", "fr"), default="en", help="language of the messages"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._link(options)

    def _link(self, options: dict[str, Any]) -> None:
        started = time.perf_counter()
        problems = []
        records = []
        for path in (options["left"], options["right"]):
            if not path.is_file():
                raise CommandError(_("%(file)s: no such file.") % {"file": path})
            try:
                records.append(people_read(path))
            except FileRefused as refused:
                problems.extend(refused.problems)
        if problems:
            raise CommandError(
                _("Nothing was linked: the files have errors.")
                + "\n"
                + "\n".join(str(problem) for problem in problems)
            )
        left, right = (linkage.prepare(rows) for rows in records)
        if options["model"]:
            try:
                model = LinkageModel.load(options["model"])
            except (OSError, ValueError, KeyError) as error:
                raise CommandError(
                    _("The model cannot be read: %(error)s") % {"error": error}
                ) from None
        else:
            model = LinkageModel(
                version=f"trained-{clock.now():%Y%m%dT%H%M%S}",
                splink_settings=linkage.train(left, right),
                trained_on=f"{options['left'].name} × {options['right'].name}",
            )
            if options["save_model"]:
                model.save(options["save_model"])
        threshold = options["threshold"]
        if threshold is None:
            threshold = model.review_threshold if options["model"] else REVIEW_THRESHOLD
        pairs = linkage.predict(left, right, model=model, threshold=threshold)
        with options["out"].open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["left_id", "right_id", "match_probability"])
            for row in pairs.itertuples(index=False):
                writer.writerow([row.left_id, row.right_id, f"{row.match_probability:.6f}"])
        self.stderr.write(
            _("%(pairs)s pairs at or above %(threshold)s written to %(out)s in %(seconds).1f s.")
            % {
                "pairs": len(pairs),
                "threshold": threshold,
                "out": options["out"],
                "seconds": time.perf_counter() - started,
            }
        )
