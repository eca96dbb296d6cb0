"""Sources and entities as a journalist would list them: small articles of our own, one per case."""

from __future__ import annotations

import pytest

from analyzers import document_from_text
from analyzers.rules.pipeline import analyze
from analyzers.store.review.export import export_markdown
from analyzers.store.review.session import Review
from analyzers.store.review.store import ReviewStore
from tui.widgets.section_rows import Context, quote_rows, source_rows


def run(nlp, text):
    return analyze(document_from_text(text, "t.txt", fmt="text"), nlp)


def source_of(a, fragment):
    q = next(q for q in a.quotes if fragment in q.text)
    return a.source_by_id()[q.source]


def test_spokesman_who_asked_not_to_be_named_is_anonymous_with_a_clean_role(nlp):
    a = run(nlp, "A spokesman for the Harbor Freight Union, who asked not to be named, said the strike "
                 "would end on Friday.")
    src = source_of(a, "the strike would end")
    assert src.anonymous and not src.named
    assert src.name == "A spokesman for the Harbor Freight Union"
    assert not [q for q in a.quotes if "named" in q.text]


@pytest.mark.parametrize("speaker", ["Voters", "Residents", "Critics", "Engineers", "Retailers"])
def test_generic_groups_are_groups_not_named(nlp, speaker):
    a = run(nlp, f"{speaker} said the new rules would raise prices for everyone in the county.")
    src = source_of(a, "raise prices")
    assert (src.kind, src.anonymous, src.named) == ("group", False, False)


@pytest.mark.parametrize("speaker", ["The document", "The pitch"])
def test_documents_are_documents(nlp, speaker):
    a = run(nlp, f"{speaker} said that the returns would double within two years.")
    src = source_of(a, "returns would double")
    assert src.kind == "document" and not src.named


def test_header_counts_only_actually_named_sources(nlp):
    a = run(nlp, "Senator Maria Lopez said the bill would pass. Regulators said the bill was rushed. "
                 "Officials said the vote would be close. The report said costs would rise.")
    head = source_rows(Context(a))[0][0].plain
    # plain officials are officials, not anonymous sources (issue 24)
    assert head.startswith("1 named · 0 anonymous · 2 officials · 1 document"), head


def test_role_holder_of_an_organisation_is_an_official_not_the_organisation(nlp):
    a = run(nlp, "The head of the Pacific Fleet Command said the drills would go ahead in June.")
    src = source_of(a, "drills would go ahead")
    assert src.kind == "official" and src.entity is None
    assert src.name == "The head of the Pacific Fleet Command"
    assert src.description == "head of the Pacific Fleet Command" and not src.anonymous


def test_roles_come_from_titles_and_appositions_not_honorifics(nlp):
    a = run(nlp, "Kevin Rogers said the rates would climb. Mr. Rogers added that the board agreed. "
                 "White House spokeswoman Dana Holt said the talks were over. "
                 "Maria Lopez, a senior aide to the governor, said the budget was fine.")
    desc = {s.name: s.description for s in a.sources}
    assert desc["Kevin Rogers"] is None
    assert desc["Dana Holt"] == "White House spokeswoman"
    assert desc["Maria Lopez"] == "senior aide to the governor"


def test_sources_and_the_sources_are_one_source_everywhere(nlp):
    doc = document_from_text("Sources said the deal was close. The sources said it would be signed in May.",
                             "t.txt", fmt="text")
    a = analyze(doc, nlp)
    assert len(a.sources) == 1 and len(a.sources[0].quotes) == 2
    review = Review(ReviewStore(), doc)
    md = export_markdown(a, review)
    assert "### Sources (2)" in md and "The sources" not in md.split("## Quotes by speaker")[1]


def test_editors_note_is_not_a_quote(nlp):
    a = run(nlp, "Editor's note: Ortiz blasted the council's budget plan in a column that ran on Monday.\n"
                 "The council met on Tuesday.")
    assert a.quotes == ()


def test_writers_speculation_is_not_a_quote(nlp):
    a = run(nlp, "Ortiz may have suggested that the bridge was unsafe when he spoke to the council.")
    assert a.quotes == ()


def test_book_title_after_according_to_is_a_document(nlp):
    a = run(nlp, "The mayor had doubts about the plan, according to “Rivers of Steel,” a book by Lena Park.")
    src = source_of(a, "doubts about the plan")
    assert (src.name, src.kind) == ("Rivers of Steel", "document")
    assert src.description == "book by Lena Park"


def test_abbreviations_and_full_names_are_one_entity(nlp):
    a = run(nlp, "The U.S. and the EU met in Geneva. The European Union said the US would cut tariffs. "
                 "Dong Xiaolin said the talks went well. Dong added that more talks would follow.")
    groups = [{e.name, *e.aliases} for e in a.entities]
    assert {"U.S.", "US"} in groups
    assert {"European Union", "EU"} in groups
    assert {"Dong Xiaolin", "Dong"} in groups
    # an acronym is another name, not a misspelling of the full one
    assert not [w.message for w in a.warnings if w.kind == "name_variant"]


def test_headline_words_are_not_people(nlp):
    a = run(nlp, "Layoffs Loom as Little Else Changes at the Harbor Plant\n"
                 "Bill Clinton spoke to workers at the plant on Monday.")
    names = [e.name for e in a.entities]
    assert names == ["Bill Clinton"], names


def test_plural_family_name_is_not_a_misspelling(nlp):
    a = run(nlp, "Bill Clinton spoke on Monday. The Clintons left the event early.")
    assert not [w for w in a.warnings if w.kind == "name_variant"], [w.message for w in a.warnings]


def test_nesting_in_the_quotes_list_and_the_continuation_follows_the_outer_speaker(nlp):
    a = run(nlp, "Mayor Helen Brandt said the inspector told her that the bridge was safe to reopen.\n"
                 "“The whole thing was a mistake from the start and everyone knew it.”")
    rows = [t.plain for t, _ in quote_rows(Context(a))]
    inner = next(q for q in a.quotes if q.parent)
    assert any(r.startswith("  ↳ the inspector") and f"inside {inner.parent}" in r for r in rows), rows
    assert a.quotes[-1].speaker.name == "Helen Brandt"


def test_statement_without_a_source_is_an_unattributed_claim(nlp):
    a = run(nlp, "The bridge opened in June.\n"
                 "“The whole thing was a mistake from the start and everyone knew it.”")
    (q,) = a.quotes
    assert q.speaker is None
    assert quote_rows(Context(a))[0][0].plain.startswith("unattributed claim")


def test_unnamed_groups_differing_in_more_than_a_determiner_stay_apart(nlp):
    a = run(nlp, "Mexican officials said the border would stay open. "
                 "American officials said the talks would resume in May.")
    assert sorted(s.name for s in a.sources) == ["American officials", "Mexican officials"]


def test_he_is_the_person_the_paragraph_is_about_not_the_last_one_quoted(nlp):
    a = run(nlp, "Tim Canova is running for Congress in Florida.\n\n"
                 "\u201cIt feels like we won the lottery,\u201d Canova said.\n\n"
                 "Bernie Sanders, a longtime ally of Canova, has sent fundraising letters for him. At a meeting "
                 "on Tuesday, he said he would campaign for him \u201cbecause the party needs new voices.\u201d")
    assert source_of(a, "the party needs new voices").name == "Bernie Sanders"
    assert source_of(a, "won the lottery").name == "Tim Canova"


def test_a_wire_dateline_is_not_the_speaker(nlp):
    a = run(nlp, "Trump doubts Cameron ties.\n\n"
                 "LONDON (Reuters) - Donald Trump said on Monday that he was unlikely to have a good "
                 "relationship with the British prime minister.\n\n"
                 "\u201cI don't think I'm going to have a very good relationship,\u201d Trump said.")
    names = {s.name for s in a.sources}
    assert "LONDON (Reuters)" not in names and "LONDON" not in names
    assert source_of(a, "unlikely to have a good").name == "Donald Trump"
    b = run(nlp, "The vote was close.\n\nThe plan, said Rep. Jim Jordan (R-Ohio) \u2014 a warning Speaker Mike Johnson "
                 "ignored \u2014 would fail in the Senate.")
    assert all(q.speaker is None or "Mike Johnson" not in q.speaker.text for q in b.quotes)


def test_they_after_a_group_quoted_just_before_is_that_group(nlp):
    a = run(nlp, "The war gets little attention. That frustrates many observers because they believe a shift in "
                 "policy would save lives.\n\n"
                 "\u201cThe talks are the only way out,\u201d said Ann Lowe, a former ambassador.\n\n"
                 "Military analysts say the general would see the folly of an open-ended war. "
                 "His recent successes, they said, could be made to last by a political settlement.")
    analysts = source_of(a, "folly of an open-ended war")
    assert source_of(a, "could be made to last").id == analysts.id
    assert analysts.kind == "group"


def test_a_role_named_before_the_comma_and_a_long_apposition_are_roles(nlp):
    a = run(nlp, "His chief strategist, Tad Devine, said the ads would focus on the senator's biography.\n\n"
                 "Debbie Walsh, director of the Center for American Women and Politics at Rutgers University in "
                 "New Jersey, said women would decide the race.")
    assert "strategist" in (source_of(a, "focus on the senator").description or "")
    assert "director" in (source_of(a, "women would decide").description or "")


def test_a_participle_after_a_comma_speaks_for_the_clause_not_its_object(nlp):
    a = run(nlp, "Ben Carson rejected the notion that the episode should be water under the bridge, saying "
                 "that if he found something rotten he would deal with it.")
    q = next(q for q in a.quotes if "something rotten" in q.text)
    assert q.speaker is not None and q.speaker.text == "Ben Carson"
    a = run(nlp, "A super PAC backing Rubio said it would spend $5 million in Iowa.")
    assert any(q.speaker and "super PAC" in q.speaker.text for q in a.quotes)


def test_an_office_the_article_calls_a_person_by_is_their_role_when_nothing_else_is(nlp):
    a = run(nlp, "Donald Trump said he was unlikely to get along with David Cameron because the British prime "
                 "minister had called his plan divisive.\n\n"
                 "\u201cWe will see,\u201d Cameron said on Monday.")
    assert source_of(a, "We will see").description == "British prime minister"
    b = run(nlp, "Mayor Ana Ruiz met David Cameron on Monday. The British prime minister said trade would grow.\n\n"
                 "\u201cIt went well,\u201d said Ruiz, who chairs the port authority.")
    assert source_of(b, "It went well").description != "British prime minister"


def test_who_after_an_organisation_is_the_person_before_it_and_one_source_who_stays_the_source(nlp):
    a = run(nlp, "\u201cWe think early money sets the terms of the debate,\u201d said Scott Reed, the Chamber's chief "
                 "political strategist, who added that his organization plans to zero in on local issues.")
    src = source_of(a, "zero in on local issues")
    assert src.name == "Scott Reed" and src.kind == "person"
    b = run(nlp, "The emails were sent in 2012, according to one source, who said they had been marked secret "
                 "at the time.")
    src = source_of(b, "marked secret")
    assert src.anonymous and src.kind == "anonymous"
    c = run(nlp, "Donald Trump criticised the Sierra Club, who said the plan was reckless and would harm "
                 "the coast.")
    assert source_of(c, "plan was reckless").name != "Donald Trump"
    c = run(nlp, "\u201cThe plan will fail,\u201d said Ted Cruz, who attacked the president on Monday.")
    assert source_of(c, "plan will fail").description is None
