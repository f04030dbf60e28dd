"""What the navigation shows a signed-in user: links to pages only some roles may open."""
from isogov.accounts import access


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_can_manage_users": access.can_manage_users(user),
        "nav_reads_programme": access.reads_whole_programme(user),
        "nav_can_import": access.can_manage_registry(user),
        "nav_can_manage_templates": access.can_manage_document_templates(user),
    }
