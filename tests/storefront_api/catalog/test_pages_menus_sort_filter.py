"""Pages and menus sort and filter as in Saleor 3.24 (``PageSortingInput``,
``PageWhereInput`` with AND/OR and page types, ``MenuSortingInput``), over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace.content.models import Menu, MenuItem, Page, PageType
from storefront_api.core.ids import global_id

pytestmark = pytest.mark.django_db

PAGES = """
query ($sortBy: PageSortingInput, $where: PageWhereInput, $filter: PageFilterInput,
       $search: String) {
  pages(first: 10, sortBy: $sortBy, where: $where, filter: $filter, search: $search) {
    edges { node { slug } }
  }
}
"""

MENUS = """
query ($sortBy: MenuSortingInput, $filter: MenuFilterInput) {
  menus(first: 10, channel: "pecatu", sortBy: $sortBy, filter: $filter) {
    edges { node { slug } }
  }
}
"""


@pytest.fixture
def pages() -> dict[str, PageType]:
    info = PageType.objects.create(name="Info", slug="info")
    policy = PageType.objects.create(name="Kebijakan", slug="kebijakan")
    for slug, title, page_type, day in (
        ("tentang-kami", "Tentang Kami", info, 3),
        ("cara-ambil", "Cara Ambil di Hub", info, 1),
        ("pengembalian", "Pengembalian Barang", policy, 2),
    ):
        Page.objects.create(
            slug=slug,
            title=title,
            page_type=page_type,
            is_published=True,
            published_at=datetime(2025, 1, day, tzinfo=UTC),
        )
    return {"info": info, "policy": policy}


def _slugs(gql, query: str, **variables) -> list[str]:
    result = gql.execute(query, variables)
    assert "errors" not in result, result["errors"]
    return [edge["node"]["slug"] for edge in next(iter(result["data"].values()))["edges"]]


def test_pages_sort_by_title_and_publication(gql, pages):
    by_title = _slugs(gql, PAGES, sortBy={"field": "TITLE", "direction": "ASC"})
    newest = _slugs(gql, PAGES, sortBy={"field": "PUBLISHED_AT", "direction": "DESC"})

    assert by_title == ["cara-ambil", "pengembalian", "tentang-kami"]
    assert newest == ["tentang-kami", "pengembalian", "cara-ambil"]


def test_pages_where_page_type_and_or(gql, pages):
    info = global_id("PageType", pages["info"].pk)
    either = {"OR": [{"slug": {"eq": "pengembalian"}}, {"slug": {"eq": "cara-ambil"}}]}

    assert sorted(_slugs(gql, PAGES, where={"pageType": {"eq": info}})) == [
        "cara-ambil",
        "tentang-kami",
    ]
    assert sorted(_slugs(gql, PAGES, where=either)) == ["cara-ambil", "pengembalian"]
    assert _slugs(gql, PAGES, where={"metadata": {"key": "x"}}) == []
    assert _slugs(gql, PAGES, filter={"pageTypes": [info]}, search="tentang") == ["tentang-kami"]


def test_page_rank_needs_a_search_and_filter_excludes_where(gql, pages):
    rank = {"field": "RANK", "direction": "ASC"}
    result = gql.execute(PAGES, {"sortBy": rank})
    assert result["errors"][0]["message"] == (
        "Sorting by RANK is available only when using a search filter."
    )
    assert _slugs(gql, PAGES, sortBy=rank, search="an") == ["pengembalian", "tentang-kami"]
    both = gql.execute(PAGES, {"filter": {"slugs": ["x"]}, "where": {"ids": []}})
    assert both["errors"][0]["message"] == (
        "Only one filtering argument (filter or where) can be specified."
    )


def test_menus_sort_by_items_count(gql):
    navbar = Menu.objects.create(name="Navbar", slug="navbar")
    footer = Menu.objects.create(name="Footer", slug="footer")
    for name in ("Kopi", "Madu"):
        MenuItem.objects.create(menu=navbar, name=name, url="https://lumbung.test")
    MenuItem.objects.create(menu=footer, name="FAQ", url="https://lumbung.test/faq")

    most = _slugs(gql, MENUS, sortBy={"field": "ITEMS_COUNT", "direction": "DESC"})
    by_name = _slugs(gql, MENUS, sortBy={"field": "NAME", "direction": "ASC"})

    assert most == ["navbar", "footer"]
    assert by_name == ["footer", "navbar"]
    assert _slugs(gql, MENUS, filter={"metadata": [{"key": "x"}]}) == []
