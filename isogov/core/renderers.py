"""The house form layout for `{{ form }}`: labels, the required mark, errors beside each field and one
summary at the top (templates/includes/form.html). TemplatesSetting renders through the project's own
template engine, so the layout can use the i18n tags and project includes."""
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "includes/form.html"
