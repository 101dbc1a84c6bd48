from django.urls import path
from rest_framework.routers import DefaultRouter

from kinerja.coordination.api import CoordinationActivityViewSet
from kinerja.iku.api import DecreeViewSet, GoalViewSet, IndicatorViewSet
from kinerja.measurement.api import ValueViewSet
from kinerja.measurement.api_capaian import CapaianView
from kinerja.organisations.api import OrganisationViewSet, UnitViewSet
from kinerja.planning.api import (
    AgreementViewSet,
    BenchmarkViewSet,
    ProgramViewSet,
    RenstraViewSet,
    TargetViewSet,
)
from kinerja.skm.api import SkmIndexViewSet
from kinerja.village_finance.api import APBDesViewSet, SPJViewSet

router = DefaultRouter()
router.register("organisasi", OrganisationViewSet, basename="organisation")
router.register("unit", UnitViewSet, basename="unit")
router.register("keputusan", DecreeViewSet, basename="decree")
router.register("kinerja-utama", GoalViewSet, basename="goal")
router.register("indikator", IndicatorViewSet, basename="indicator")
router.register("realisasi", ValueViewSet, basename="realisasi")
router.register("perjanjian-kinerja", AgreementViewSet, basename="agreement")
router.register("target", TargetViewSet, basename="target")
router.register("renstra", RenstraViewSet, basename="renstra")
router.register("program", ProgramViewSet, basename="program")
router.register("pembanding", BenchmarkViewSet, basename="benchmark")
router.register("skm/indeks", SkmIndexViewSet, basename="skm-index")
router.register(
    "koordinasi/kegiatan", CoordinationActivityViewSet, basename="coordination-activity"
)
router.register("keuangan-desa/apbdes", APBDesViewSet, basename="village-apbdes")
router.register("keuangan-desa/spj", SPJViewSet, basename="village-spj")

urlpatterns = router.urls
urlpatterns += [path("capaian/", CapaianView.as_view(), name="capaian")]
