"""The voting integrity report: patterns among the valid votes that deserve a human look.

Nothing here changes a vote. Each pattern is a group of votes with what makes it suspicious; the
secretariat reads the groups and voids those it judges fraudulent, with a reason
(`services.void_votes`), after which the tally, computed from the valid votes, follows.

- Bursts from one network: many votes from one network (an IPv4 /24 or IPv6 /48) within a
  short window, as a script or a room of borrowed phones produces.
- New accounts voting together: many votes for one nominee from accounts created shortly
  before they voted, a large share of that nominee's votes.
- Disposable e-mail domains: votes from accounts whose address is at a throwaway mail service
  (the community list of the `disposable-email-domains` package).
"""

import ipaddress
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from disposable_email_domains import blocklist
from django.utils.translation import gettext_lazy as _

from wsis.prizes.models import Edition, Vote

BURST_WINDOW = timedelta(minutes=10)
BURST_VOTES = 30  # from one network within the window
NEW_ACCOUNT_AGE = timedelta(hours=24)  # an account this young when it voted is "new"
NEW_ACCOUNT_VOTES = 20  # for one nominee
NEW_ACCOUNT_SHARE = 0.5  # of that nominee's valid votes


@dataclass
class Pattern:
    kind: str
    title: str
    detail: str
    vote_ids: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.vote_ids)


def network(address: str | None) -> str | None:
    """The /24 (IPv4) or /48 (IPv6) network of an address."""
    if not address:
        return None
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def _valid(edition: Edition):
    return Vote.objects.filter(edition=edition, voided_at__isnull=True)


def bursts(edition: Edition) -> list[Pattern]:
    """Windows of BURST_WINDOW with at least BURST_VOTES valid votes from one network."""
    by_network: dict[str, list] = defaultdict(list)
    rows = _valid(edition).order_by("cast_at").values_list("pk", "address", "cast_at")
    for pk, address, cast_at in rows.iterator(chunk_size=5000):
        name = network(address)
        if name:
            by_network[name].append((cast_at, pk))
    patterns = []
    for name, votes in by_network.items():
        start, flagged = 0, set()
        for end in range(len(votes)):
            while votes[end][0] - votes[start][0] > BURST_WINDOW:
                start += 1
            if end - start + 1 >= BURST_VOTES:
                flagged.update(pk for _moment, pk in votes[start : end + 1])
        if flagged:
            patterns.append(
                Pattern(
                    "burst",
                    _("Burst from one network"),
                    _("{count} votes from {network} within {minutes} minutes or less.").format(
                        count=len(flagged),
                        network=name,
                        minutes=int(BURST_WINDOW.total_seconds() // 60),
                    ),
                    sorted(flagged),
                )
            )
    return sorted(patterns, key=lambda p: -p.count)


def new_accounts(edition: Edition) -> list[Pattern]:
    """Nominees with many of their votes from accounts created shortly before voting."""
    totals: dict[int, int] = defaultdict(int)
    young: dict[int, list[int]] = defaultdict(list)
    titles = {}
    rows = _valid(edition).values_list(
        "pk", "entry_id", "entry__initiative__title", "cast_at", "voter__date_joined"
    )
    for pk, entry, title, cast_at, joined in rows.iterator(chunk_size=5000):
        totals[entry] += 1
        titles[entry] = title
        if joined and cast_at - joined < NEW_ACCOUNT_AGE:
            young[entry].append(pk)
    return [
        Pattern(
            "new_accounts",
            _("New accounts voting for one nominee"),
            _(
                "{count} of the {total} votes for “{title}” come from accounts created less "
                "than {hours} hours before they voted."
            ).format(
                count=len(ids),
                total=totals[entry],
                title=titles[entry],
                hours=int(NEW_ACCOUNT_AGE.total_seconds() // 3600),
            ),
            sorted(ids),
        )
        for entry, ids in sorted(young.items(), key=lambda item: -len(item[1]))
        if len(ids) >= NEW_ACCOUNT_VOTES and len(ids) / totals[entry] >= NEW_ACCOUNT_SHARE
    ]


def disposable_addresses(edition: Edition) -> list[Pattern]:
    """Votes from accounts at disposable e-mail domains, grouped by domain."""
    by_domain: dict[str, list[int]] = defaultdict(list)
    for pk, email in _valid(edition).values_list("pk", "voter__email").iterator(chunk_size=5000):
        domain = email.rpartition("@")[2].lower()
        if domain in blocklist:
            by_domain[domain].append(pk)
    return [
        Pattern(
            "disposable",
            _("Disposable e-mail addresses"),
            _("{count} votes from accounts at {domain}.").format(count=len(ids), domain=domain),
            sorted(ids),
        )
        for domain, ids in sorted(by_domain.items(), key=lambda item: -len(item[1]))
    ]


def report(edition: Edition) -> list[Pattern]:
    return [*bursts(edition), *new_accounts(edition), *disposable_addresses(edition)]
