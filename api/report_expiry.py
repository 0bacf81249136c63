"""How long a stored report lives: REPORT_TTL while no site points to it, forever once one does.

Why (issue 10, defect 6): every distinct text sent to POST /api/v1/score stored ~7 KB that never
expired (about 1.2 GB a day from one client at the default rate limit). Now a report, its version
pointer and its text are written with REPORT_TTL (default 30 days) and *pinned* (PERSIST) when a
site points to them:

- a verified report (and so every history entry) is pinned for good: it is the site's record;
- a visitor's report is pinned while it is some site's latest visitor report. Which sites point to
  it is kept in ``pg:report-sites:<id>``; when a site's next visitor text replaces it and no other
  site points to it, it gets REPORT_TTL again. So a client sending text after text for one site
  keeps one report alive, not all of them.

A key that is already permanent stays permanent when the same report is stored again.
Both scripts run in Redis (atomic); they name keys they compute, which is fine on one server.
"""

from __future__ import annotations

from typing import Any

#: ``pg:report-sites:<id>``: the sites whose record points to report <id> ("<site>#verified" for a
#: verified pointer, never removed; "<site>" for the latest visitor report).
REFS_PREFIX = "pg:report-sites:"

_KEYS_OF = """
local function keys_of(id)
  local keys = {'pg:report-version:' .. id, 'pg:text:' .. id, 'pg:report-sites:' .. id}
  local version = redis.call('GET', 'pg:report-version:' .. id)
  if version then table.insert(keys, 'pg:report:' .. id .. ':' .. version) end
  return keys
end
"""

#: KEYS: report, version pointer, [text]; ARGV: ttl, then one value per key.
PUT = """
local ttl = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  -- TTL -1: the key exists without expiry (pinned): keep it so.
  if ttl > 0 and redis.call('TTL', key) ~= -1 then
    redis.call('SET', key, ARGV[i + 1], 'EX', ttl)
  else
    redis.call('SET', key, ARGV[i + 1])
  end
end
"""

#: ARGV: report id, referrer ("<site>#verified" or "<site>"), previous id of that referrer or "", ttl.
PIN = _KEYS_OF + """
local id, referrer, previous, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
redis.call('SADD', 'pg:report-sites:' .. id, referrer)
for _, key in ipairs(keys_of(id)) do redis.call('PERSIST', key) end
if previous ~= '' and previous ~= id then
  local refs = 'pg:report-sites:' .. previous
  -- SREM 0: this referrer never pinned it (a report stored before REPORT_TTL existed): left as it is.
  if redis.call('SREM', refs, referrer) == 1 and ttl > 0 and redis.call('SCARD', refs) == 0 then
    for _, key in ipairs(keys_of(previous)) do redis.call('EXPIRE', key, ttl) end
  end
end
"""


class ReportExpiry:
    """The two scripts, registered on one client."""

    def __init__(self, client: Any, ttl: int) -> None:
        self.ttl = max(int(ttl), 0)
        self._put = client.register_script(PUT)
        self._pin = client.register_script(PIN)

    def put(self, pipe: Any, values: dict[str, Any]) -> None:
        """Queue on ``pipe``: write ``values`` (key -> value) with the TTL unless a key is pinned."""
        self._put(keys=list(values), args=[self.ttl, *values.values()], client=pipe)

    def pin(self, pipe: Any, report_id: str, referrer: str, previous: str | None = None) -> None:
        """Queue on ``pipe``: ``referrer`` points to ``report_id`` now (instead of ``previous``)."""
        self._pin(args=[report_id, referrer, previous or "", self.ttl], client=pipe)
