"""Human-facing pages: site reports, the site list, the paste form, SVG badges and the API docs.

``bp`` is registered by ``api.create_app``. Routes (all HTML except the badge):

    GET  /                         what the service is, and a form to paste a policy
    POST /                         grade the pasted text (same code as POST /api/v1/score)
    GET  /reports/<id>             a stored report by id
    GET  /sites                    graded sites: ?q= search, ?sort=updated|grade|score|site, ?page=
    GET  /sites/<site>             a site's report, history and badge snippet (404 page if unknown)
    GET  /sites/<site>/badge.svg   "privacy policy | C" badge (ETag, Cache-Control, 304)
    GET  /docs                     the OpenAPI document rendered for people

Every page carries a Content-Security-Policy without inline scripts or styles; Redis being down
gives a 503 page, never a 500.
"""

from api.pages import views as _views  # noqa: F401  (registers the routes on bp)
from api.pages._blueprint import bp

__all__ = ["bp"]
