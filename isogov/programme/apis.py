"""The provincial programme by program: plans, their activities and budget lines, read as the plan's pages read them
(a draft is the programme lead's; an agency sees the activities it takes part in)."""
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from isogov.accounts import access
from isogov.core.api.base import ReadViewSet
from isogov.programme import selectors
from isogov.programme.models import Activity, BudgetLine, Plan


class PlanSerializer(serializers.ModelSerializer):
    lead_unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Plan
        fields = ["id", "title", "start_year", "end_year", "lead_unit", "status", "decision_number", "decision_date",
                  "signer", "summary", "previous", "approved_at"]


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["id", "description", "category", "funding_source", "estimate", "allocated", "committed", "note"]


class ActivitySerializer(serializers.ModelSerializer):
    lead_unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "number", "title", "lead_unit", "start_date", "end_date", "deliverables", "status",
                  "progress", "notes", "budget_lines"]


class PlanViewSet(ReadViewSet):
    queryset = Plan.objects.none()
    serializer_class = PlanSerializer
    filter_backends = ReadViewSet.filter_backends[1:]
    ordering_fields = ["start_year", "id"]
    pages = {"list": "programme:index", "retrieve": "programme:plan_detail",
             "activities": "programme:plan_activities"}

    def rows(self):
        return selectors.plans_for(user=self.request.user).order_by("-start_year", "-id")

    def fetch(self, *, write=False):
        return access.access_plan(self.request.user, self.kwargs["pk"], write=write)

    @extend_schema(responses={200: ActivitySerializer(many=True)})
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def activities(self, request, *args, **kwargs):
        """The plan's activities the caller may see, each with its budget lines (the plan's activities and budget
        pages)."""
        plan = self.fetch()
        rows = (selectors.visible_activities(user=request.user, plan=plan).select_related("lead_unit")
                .prefetch_related(Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("id")))
                .order_by("number"))
        return self.answer_with(ActivitySerializer(rows, many=True).data)


ROUTES = [("programme/plans", PlanViewSet, "plan")]
