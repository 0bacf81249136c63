"""One blueprint module per resource; ``BLUEPRINTS`` is what create_app registers."""

from api.resources import health, reports, score, sites

BLUEPRINTS = (score.blp, reports.blp, sites.blp, health.blp)

__all__ = ["BLUEPRINTS"]
