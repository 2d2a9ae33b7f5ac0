"""Where a client can be served: IRCC offices, partner Service Canada Centres, visa application
centres abroad; their opening hours, closures and rooms. Loaded from data/points_of_service.toml
by guichet.appointments.services.points_load, never edited by hand."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PointKind(models.TextChoices):
    IRCC_OFFICE = "ircc", _("IRCC office")
    SERVICE_CANADA = "service_canada", _("Service Canada Centre")
    VAC = "vac", _("Visa application centre")


class AppointmentType(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    OATH = "oath", _("Oath ceremony")
    BIOMETRICS = "biometrics", _("Biometrics")
    DOCUMENTS = "documents", _("Document check")


class PointOfService(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=PointKind.choices)
    # Who runs it: IRCC, Service Canada, or the VAC operator (VFS Global, for instance).
    operator = models.CharField(max_length=80)
    name_en = models.CharField(max_length=150)
    name_fr = models.CharField(max_length=150)
    street = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    # Province or territory code in Canada (ON, QC…), the subdivision abroad when known.
    region = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=2)  # ISO 3166-1 alpha-2
    postal_code = models.CharField(max_length=12, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    timezone = models.CharField(max_length=50)  # IANA name: America/Toronto
    # Languages served, ISO 639-1 codes separated by commas: "en,fr".
    languages = models.CharField(max_length=50, default="en,fr")
    # Appointment types offered there, comma-separated AppointmentType values.
    appointment_types = models.CharField(max_length=100, blank=True)
    # Services offered, in words, as data: "Biometrics, passport returns…".
    services_en = models.TextField(blank=True)
    services_fr = models.TextField(blank=True)
    # A partner centre with a video kiosk, where a client far from an office meets an officer.
    video_kiosk = models.BooleanField(default=False)

    class Meta:
        ordering = ["country", "region", "city", "code"]
        indexes = [models.Index(fields=["country", "city"], name="point_country_city_idx")]
        verbose_name = _("point of service")
        verbose_name_plural = _("points of service")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="point_coordinates_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en

    def services(self, language: str) -> str:
        return self.services_fr if language == "fr" else self.services_en

    @property
    def type_codes(self) -> list[str]:
        return [code for code in self.appointment_types.split(",") if code]


class OpeningHours(models.Model):
    """One opening of a weekday, in the point's own time zone (two rows for a lunch break)."""

    point = models.ForeignKey(PointOfService, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField()  # 0 Monday … 6 Sunday
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["point", "weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(fields=["point", "weekday", "opens"], name="hours_unique"),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="hours_weekday"),
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")), name="hours_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.point_id} {self.weekday} {self.opens}-{self.closes}"


class Closure(models.Model):
    """A day a point is closed besides its public holidays (which come from `holidays`)."""

    point = models.ForeignKey(PointOfService, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    reason_en = models.CharField(max_length=200)
    reason_fr = models.CharField(max_length=200)

    class Meta:
        ordering = ["point", "date"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [models.UniqueConstraint(fields=["point", "date"], name="closure_unique")]

    def __str__(self) -> str:
        return f"{self.point_id} closed {self.date}"


class ResourceKind(models.TextChoices):
    INTERVIEW_ROOM = "room", _("Interview room")
    VIDEO_KIOSK = "kiosk", _("Video kiosk")
    CEREMONY_HALL = "hall", _("Ceremony hall")


class Resource(models.Model):
    """A room or a video kiosk of a point of service: booked like an officer, never twice."""

    point = models.ForeignKey(PointOfService, on_delete=models.CASCADE, related_name="resources")
    code = models.SlugField(max_length=40)
    kind = models.CharField(max_length=10, choices=ResourceKind.choices)

    class Meta:
        ordering = ["point", "code"]
        verbose_name = _("room or resource")
        verbose_name_plural = _("rooms and resources")
        constraints = [
            models.UniqueConstraint(fields=["point", "code"], name="resource_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.point.code}/{self.code}"
