"""Site verification: the service fetches a site's policy itself, on RQ workers, and grades it from that.

- ``requests``: POST /api/v1/score's side: dedup and rate rules, then one RQ job per site
- ``jobs``: the RQ jobs (verify a site, re-score a stored text) and their per-process context
- ``guard``: the SSRF guard, which addresses may be fetched (FETCH_HOST_MAP, FETCH_ALLOW_PRIVATE)
- ``fetcher``: one GET under the guard: each redirect checked, 10 s, 5 MB, HTML or text only
- ``extract``: the policy text out of the page (trafilatura)
- ``worker``: ``policygrade worker``, an RQ worker on the service's queues
"""

VERIFY_QUEUE = "policygrade-verify"
RESCORE_QUEUE = "policygrade-rescore"
#: Verifications first: a visitor is waiting for them; a re-score only refreshes a stored grade.
QUEUES = (VERIFY_QUEUE, RESCORE_QUEUE)
