from rest_framework.routers import DefaultRouter

from kinerja.iku.api import DecreeViewSet, GoalViewSet, IndicatorViewSet
from kinerja.organisations.api import OrganisationViewSet, UnitViewSet

router = DefaultRouter()
router.register("organisasi", OrganisationViewSet, basename="organisation")
router.register("unit", UnitViewSet, basename="unit")
router.register("keputusan", DecreeViewSet, basename="decree")
router.register("kinerja-utama", GoalViewSet, basename="goal")
router.register("indikator", IndicatorViewSet, basename="indicator")

urlpatterns = router.urls
