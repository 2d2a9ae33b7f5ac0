"""Reading intake records."""

from guichet.intake.models import PaperReceipt


def paper_receipt_find(*, package_barcode: str) -> PaperReceipt | None:
    """The registered package with this barcode (with its case), or None."""
    return (
        PaperReceipt.objects.select_related("case")
        .filter(package_barcode=package_barcode.strip(), case__isnull=False)
        .first()
    )
