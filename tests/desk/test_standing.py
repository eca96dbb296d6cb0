"""Where an item stands once several reviewers have decided on it: never a lost decision."""

from __future__ import annotations

from analyzers.store.review.marks import Decision, standing


def d(status: str, by: str | None, at: str, note: str | None = None, assigned: str | None = None) -> Decision:
    return Decision(status, note, by, at, assigned)


def test_one_reviewer_changes_their_mind():
    s = standing([d("verified", "alice", "1"), d("disputed", "alice", "2", "wrong year")])
    assert (s.status, s.note, s.by, s.contested) == ("disputed", "wrong year", "alice", False)


def test_two_reviewers_who_agree_and_who_disagree():
    agree = standing([d("verified", "alice", "1"), d("verified", "bob", "2", "confirmed")])
    assert (agree.status, agree.by, agree.contested) == ("verified", "bob", False)
    split = standing([d("verified", "alice", "1", "the mayor's office confirmed"),
                      d("disputed", "bob", "2", "the audit says otherwise")])
    assert split.status == "disputed" and split.contested
    assert {(v.by, v.status, v.note) for v in split.views} == {
        ("alice", "verified", "the mayor's office confirmed"), ("bob", "disputed", "the audit says otherwise")}


def test_clearing_ones_own_mark_leaves_the_others():
    s = standing([d("verified", "alice", "1"), d("disputed", "bob", "2"), d("unreviewed", "bob", "3")])
    assert (s.status, s.contested, [v.by for v in s.views]) == ("verified", False, ["alice"])
    gone = standing([d("verified", "alice", "1"), d("unreviewed", "alice", "2")])
    assert (gone.status, gone.views) == ("unreviewed", ())


def test_a_mark_made_before_signing_is_the_next_signers():
    s = standing([d("verified", None, "1"), d("disputed", "alice", "2")])
    assert (s.status, s.contested, [v.by for v in s.views]) == ("disputed", False, ["alice"])


def test_the_assignment_is_the_latest_given():
    s = standing([d("unreviewed", "alice", "1", assigned="bob"), d("verified", "bob", "2", assigned="bob")])
    assert (s.status, s.assigned_to) == ("verified", "bob")
