"""Collections, menus and pages: managed by platform staff, shown per channel to
shoppers, in Saleor's shapes."""

from __future__ import annotations

import json

import pytest

from marketplace.content.models import (
    Collection,
    CollectionChannelListing,
    Menu,
    MenuItem,
    Page,
    PageType,
)
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

COLLECTION_CREATE = """
mutation ($input: CollectionCreateInput!) {
  collectionCreate(input: $input) {
    collection { id name slug seoTitle description }
    errors { field code message products }
  }
}
"""
LISTING_UPDATE = """
mutation ($id: ID!, $input: CollectionChannelListingUpdateInput!) {
  collectionChannelListingUpdate(id: $id, input: $input) {
    collection { channelListings { isPublished channel { slug } } }
    errors { field code }
  }
}
"""
COLLECTION = """
query ($slug: String, $channel: String) {
  collection(slug: $slug, channel: $channel) {
    name slug channel
    products(first: 10) { totalCount edges { node { slug pricing { priceRange { start {
      gross { amount currency } } } } } } }
  }
}
"""


def _create_collection(gql, world, **input):
    input = {"name": "Oleh-oleh Pecatu", **input}
    return gql.execute(COLLECTION_CREATE, {"input": input}, token=token_for(world.platform))


def _publish(gql, world, collection_id, channel, published=True):
    return gql.execute(
        LISTING_UPDATE,
        {
            "id": collection_id,
            "input": {
                "addChannels": [{"channelId": gid("Channel", channel.pk), "isPublished": published}]
            },
        },
        token=token_for(world.platform),
    )


def test_platform_staff_build_a_collection_shown_in_one_hub(gql, world):
    # given a collection with product A (hub 1) and product B (hub 2)
    result = _create_collection(
        gql, world, slug="oleh-oleh", seo={"title": "Oleh-oleh khas desa"},
        description=json.dumps({"blocks": [{"type": "paragraph", "data": {"text": "Pilihan"}}]}),
        products=[gid("Product", world.product_a.pk), gid("Product", world.product_b.pk)],
    )  # fmt: skip
    payload = result["data"]["collectionCreate"]
    assert payload["errors"] == []
    assert payload["collection"]["slug"] == "oleh-oleh"
    assert payload["collection"]["seoTitle"] == "Oleh-oleh khas desa"
    collection_id = payload["collection"]["id"]
    # when it is published in hub 1 only
    listing = _publish(gql, world, collection_id, world.channel1)["data"]
    assert listing["collectionChannelListingUpdate"]["errors"] == []
    # then shoppers of hub 1 see it with hub 1's products and prices
    data = gql.execute(COLLECTION, {"slug": "oleh-oleh", "channel": world.channel1.slug})["data"]
    assert data["collection"]["channel"] == world.channel1.slug
    assert data["collection"]["products"]["edges"] == [
        {
            "node": {
                "slug": "keripik-a",
                "pricing": {
                    "priceRange": {"start": {"gross": {"amount": 15000.0, "currency": "IDR"}}}
                },
            }
        }
    ]
    # and shoppers of hub 2 do not see the collection at all
    data = gql.execute(COLLECTION, {"slug": "oleh-oleh", "channel": world.channel2.slug})["data"]
    assert data["collection"] is None
    collections = gql.execute(
        "query ($c: String) { collections(first: 5, channel: $c) { edges { node { slug } } } }",
        {"c": world.channel2.slug},
    )["data"]["collections"]["edges"]
    assert collections == []


def test_unpublished_collection_is_hidden_from_shoppers(gql, world):
    collection_id = _create_collection(gql, world, slug="baru")["data"]["collectionCreate"][
        "collection"
    ]["id"]
    _publish(gql, world, collection_id, world.channel1, published=False)
    data = gql.execute(COLLECTION, {"slug": "baru", "channel": world.channel1.slug})["data"]
    assert data["collection"] is None
    staff = gql.execute(
        COLLECTION,
        {"slug": "baru", "channel": world.channel1.slug},
        token=token_for(world.platform),
    )
    assert staff["data"]["collection"]["slug"] == "baru"


def test_adding_a_product_twice_is_refused(gql, world):
    collection_id = _create_collection(gql, world, products=[gid("Product", world.product_a.pk)])[
        "data"
    ]["collectionCreate"]["collection"]["id"]
    result = gql.execute(
        """mutation ($id: ID!, $p: [ID!]!) {
          collectionAddProducts(collectionId: $id, products: $p) {
             errors { field code } } }""",
        {
            "id": collection_id,
            "p": [gid("Product", world.product_a.pk), gid("Product", world.product_b.pk)],
        },
        token=token_for(world.platform),
    )
    assert result["data"]["collectionAddProducts"]["errors"] == [
        {"field": "products", "code": "DUPLICATED_INPUT_ITEM"}
    ]
    assert list(Collection.objects.get().products.values_list("slug", flat=True)) == ["keripik-a"]
    # removing works
    result = gql.execute(
        """mutation ($id: ID!, $p: [ID!]!) {
          collectionRemoveProducts(collectionId: $id, products: $p) {
             collection { slug } errors { field code } } }""",
        {"id": collection_id, "p": [gid("Product", world.product_a.pk)]},
        token=token_for(world.platform),
    )
    assert result["data"]["collectionRemoveProducts"]["errors"] == []
    assert not Collection.objects.get().products.exists()


def test_duplicate_collection_slug_is_unique_error(gql, world):
    _create_collection(gql, world, slug="sama")
    result = _create_collection(gql, world, slug="sama")
    assert result["data"]["collectionCreate"]["errors"][0]["field"] == "slug"
    assert result["data"]["collectionCreate"]["errors"][0]["code"] == "UNIQUE"
    assert Collection.objects.count() == 1


@pytest.mark.parametrize("role", ["anonymous", "customer", "staff_a", "operator1"])
def test_only_platform_staff_manage_content(gql, world, role):
    token = token_for(world.user(role))
    result = gql.execute(COLLECTION_CREATE, {"input": {"name": "X"}}, token=token)
    assert permission_denied(result)
    result = gql.execute(
        'mutation { menuCreate(input: {name: "navbar"}) { errors { code } } }', token=token
    )
    assert permission_denied(result)
    page_type = PageType.objects.create(name="Info", slug="info")
    result = gql.execute(
        'mutation ($t: ID!) { pageCreate(input: {title: "Tentang", pageType: $t}) { errors { '
        "code } } }",
        {"t": gid("PageType", page_type.pk)},
        token=token,
    )
    assert permission_denied(result)
    assert not Collection.objects.exists()
    assert not Menu.objects.exists()
    assert not Page.objects.exists()


# --- pages -------------------------------------------------------------------------------

PAGE_CREATE = """
mutation ($input: PageCreateInput!) {
  pageCreate(input: $input) { page { id slug title isPublished content seoTitle pageType {
    slug } } errors { field code } }
}
"""


def _page(gql, world, **input):
    page_type = PageType.objects.get_or_create(name="Info", slug="info")[0]
    variables = {"input": {"pageType": gid("PageType", page_type.pk), **input}}
    return gql.execute(PAGE_CREATE, variables, token=token_for(world.platform))["data"][
        "pageCreate"
    ]


def test_pages_are_created_sanitized_and_shown_when_published(gql, world):
    content = {"blocks": [{"type": "paragraph", "data": {"text": "Halo<script>x()</script>"}}]}
    payload = _page(gql, world, title="Tentang kami", slug="tentang", content=json.dumps(content))
    assert payload["errors"] == []
    assert payload["page"]["isPublished"] is False
    assert "<script>" not in payload["page"]["content"]
    query = 'query { page(slug: "tentang") { title slug seoTitle pageType { slug } } }'
    assert gql.execute(query)["data"]["page"] is None
    # when platform staff publish it
    result = gql.execute(
        "mutation ($id: ID!) { pageUpdate(id: $id, input: {isPublished: true}) { page { "
        "isPublished } errors { code } } }",
        {"id": payload["page"]["id"]},
        token=token_for(world.platform),
    )
    assert result["data"]["pageUpdate"] == {"page": {"isPublished": True}, "errors": []}
    # then anyone can read it
    assert gql.execute(query)["data"]["page"] == {
        "title": "Tentang kami", "slug": "tentang",
        "seoTitle": "Tentang kami", "pageType": {"slug": "info"},
    }  # fmt: skip


def test_pages_where_slug_one_of(gql, world):
    for slug in ("faq", "kontak", "rahasia"):
        _page(gql, world, title=slug.title(), slug=slug, isPublished=slug != "rahasia")
    result = gql.execute(
        """query { pages(first: 10, where: {slug: {oneOf: ["faq", "kontak", "rahasia"]}}) {
             edges { node { slug } } } }"""
    )
    assert [e["node"]["slug"] for e in result["data"]["pages"]["edges"]] == ["faq", "kontak"]


def test_page_delete(gql, world):
    payload = _page(gql, world, title="Lama", slug="lama")
    result = gql.execute(
        "mutation ($id: ID!) { pageDelete(id: $id) { page { id } errors { code } } }",
        {"id": payload["page"]["id"]},
        token=token_for(world.platform),
    )
    assert result["data"]["pageDelete"]["errors"] == []
    assert not Page.objects.exists()


# --- menus -------------------------------------------------------------------------------

MENU = """
query ($channel: String) {
  menu(slug: "navbar", channel: $channel) {
    name slug
    items {
      name level url
      category { slug }
      collection { slug }
      page { slug }
      translation(languageCode: EN) { name }
      children { name level collection { slug } children { name } }
    }
  }
}
"""


def _menu_item(gql, world, **input):
    result = gql.execute(
        "mutation ($input: MenuItemCreateInput!) { menuItemCreate(input: $input) { menuItem { "
        "id } errors { field code } } }",
        {"input": input},
        token=token_for(world.platform),
    )
    return result["data"]["menuItemCreate"]


def test_menu_tree_links_and_hides_what_shoppers_cannot_see(gql, world):
    menu_result = gql.execute(
        'mutation { menuCreate(input: {name: "Navbar", slug: "navbar"}) { menu { id } errors '
        "{ code } } }",
        token=token_for(world.platform),
    )
    menu_id = menu_result["data"]["menuCreate"]["menu"]["id"]
    collection = Collection.objects.create(name="Oleh-oleh", slug="oleh-oleh")
    CollectionChannelListing.objects.create(
        collection=collection, channel=world.channel1, is_published=True
    )
    hidden = Collection.objects.create(name="Rahasia", slug="rahasia")
    category_item = _menu_item(
        gql,
        world,
        menu=menu_id,
        name="Camilan",
        category=gid("Category", world.product_a.category.pk),
    )
    assert category_item["errors"] == []
    parent = category_item["menuItem"]["id"]
    _menu_item(
        gql,
        world,
        menu=menu_id,
        parent=parent,
        name="Oleh-oleh",
        collection=gid("Collection", collection.pk),
    )
    _menu_item(
        gql,
        world,
        menu=menu_id,
        parent=parent,
        name="Rahasia",
        collection=gid("Collection", hidden.pk),
    )
    _menu_item(gql, world, menu=menu_id, name="Blog", url="https://lumbung.test/blog")
    # when a shopper of hub 1 loads the navbar
    data = gql.execute(MENU, {"channel": world.channel1.slug})["data"]["menu"]
    # then
    assert data["name"] == "Navbar"
    assert [item["name"] for item in data["items"]] == ["Camilan", "Blog"]
    camilan, blog = data["items"]
    assert camilan["category"] == {"slug": "camilan"}
    assert camilan["level"] == 0
    assert blog["url"] == "https://lumbung.test/blog"
    assert camilan["translation"] is None
    assert camilan["children"] == [
        {"name": "Oleh-oleh", "level": 1, "collection": {"slug": "oleh-oleh"}, "children": []},
        {"name": "Rahasia", "level": 1, "collection": None, "children": []},
    ]


def test_menu_item_with_two_links_is_refused(gql, world):
    menu = Menu.objects.create(name="Footer", slug="footer")
    payload = _menu_item(
        gql, world, menu=gid("Menu", menu.pk), name="Dua", url="https://lumbung.test",
        category=gid("Category", world.product_a.category.pk),
    )  # fmt: skip
    assert payload == {
        "menuItem": None,
        "errors": [{"field": "items", "code": "TOO_MANY_MENU_ITEMS"}],
    }
    assert not MenuItem.objects.exists()


def test_menu_update_and_delete(gql, world):
    menu = Menu.objects.create(name="Footer", slug="footer")
    MenuItem.objects.create(menu=menu, name="FAQ", url="https://lumbung.test/faq")
    token = token_for(world.platform)
    result = gql.execute(
        'mutation ($id: ID!) { menuUpdate(id: $id, input: {name: "Kaki"}) { menu { name slug '
        "} errors { code } } }",
        {"id": gid("Menu", menu.pk)},
        token=token,
    )
    assert result["data"]["menuUpdate"] == {
        "menu": {"name": "Kaki", "slug": "footer"},
        "errors": [],
    }
    item = MenuItem.objects.get()
    result = gql.execute(
        'mutation ($id: ID!) { menuItemUpdate(id: $id, input: {name: "Tanya jawab"}) { '
        "menuItem { name url } errors { code } } }",
        {"id": gid("MenuItem", item.pk)},
        token=token,
    )
    assert result["data"]["menuItemUpdate"]["menuItem"] == {
        "name": "Tanya jawab",
        "url": "https://lumbung.test/faq",
    }
    gql.execute(
        "mutation ($id: ID!) { menuDelete(id: $id) { errors { code } } }",
        {"id": gid("Menu", menu.pk)},
        token=token,
    )
    assert not Menu.objects.exists()
    assert not MenuItem.objects.exists()


def test_menu_items_are_found_by_id_searched_and_sorted(gql, world):
    menu = Menu.objects.create(name="Footer", slug="footer")
    faq = MenuItem.objects.create(menu=menu, name="Tanya jawab", url="https://lumbung.test/faq")
    MenuItem.objects.create(menu=menu, name="Kontak", url="https://lumbung.test/kontak")
    MenuItem.objects.create(menu=menu, name="Tentang kami", url="https://lumbung.test/tentang")
    channel = world.channel1.slug

    found = gql.execute(
        "query ($id: ID!, $channel: String) { menuItem(id: $id, channel: $channel) "
        "{ name url menu { slug } } }",
        {"id": gid("MenuItem", faq.pk), "channel": channel},
    )["data"]["menuItem"]
    assert found == {
        "name": "Tanya jawab",
        "url": "https://lumbung.test/faq",
        "menu": {"slug": "footer"},
    }

    listed = gql.execute(
        "query ($channel: String) { menuItems(first: 10, channel: $channel, "
        'sortBy: {field: NAME, direction: DESC}, filter: {search: "an"}) '
        "{ totalCount edges { node { name } } } }",
        {"channel": channel},
    )["data"]["menuItems"]
    assert listed["totalCount"] == 2  # "Kontak" has no "an"
    assert [edge["node"]["name"] for edge in listed["edges"]] == ["Tentang kami", "Tanya jawab"]


def test_page_types_are_listed_sorted_filtered_and_found_by_id(gql, world):
    news = PageType.objects.create(name="Kabar desa", slug="kabar-desa")
    PageType.objects.create(name="Resep", slug="resep")
    PageType.objects.create(name="Kabar koperasi", slug="kabar-koperasi")
    listed = gql.execute(
        '{ pageTypes(first: 10, sortBy: {field: SLUG, direction: DESC}, filter: {search: "kabar"})'
        " { edges { node { slug } } } }"
    )["data"]["pageTypes"]
    assert [edge["node"]["slug"] for edge in listed["edges"]] == ["kabar-koperasi", "kabar-desa"]
    found = gql.execute(
        "query ($id: ID!) { pageType(id: $id) { name attributes { id } } }",
        {"id": gid("PageType", news.pk)},
    )["data"]["pageType"]
    assert found == {"name": "Kabar desa", "attributes": []}


def test_a_product_lists_the_collections_shown_in_its_channel(gql, world):
    products = [gid("Product", world.product_a.pk)]
    for slug, published in (("oleh-oleh", True), ("segera-hadir", False)):
        created = _create_collection(gql, world, name=slug, slug=slug, products=products)
        _publish(gql, world, created["data"]["collectionCreate"]["collection"]["id"],
                 world.channel1, published=published)  # fmt: skip
    query = (
        'query ($channel: String) { product(slug: "keripik-a", channel: $channel) '
        "{ collections { slug channel } } }"
    )
    shopper = gql.execute(query, {"channel": world.channel1.slug})["data"]["product"]
    assert shopper == {"collections": [{"slug": "oleh-oleh", "channel": world.channel1.slug}]}
    staff = gql.execute(query, {"channel": world.channel1.slug}, token=token_for(world.platform))
    assert [c["slug"] for c in staff["data"]["product"]["collections"]] == [
        "oleh-oleh",
        "segera-hadir",
    ]


def test_pages_and_menus_sort_as_in_saleor(gql, world):
    info = PageType.objects.create(name="Info", slug="info")
    for title, slug in (
        ("Cara pesan", "cara-pesan"),
        ("Tentang", "pesan-kami"),
        ("Alamat", "alamat"),
    ):
        Page.objects.create(page_type=info, title=title, slug=slug, is_published=True)
    pages = (
        "query ($sort: PageSortingInput, $search: String) { pages(first: 10, sortBy: $sort, "
        "search: $search) { edges { node { slug } } } }"
    )

    def slugs(sort, search=None):
        result = gql.execute(pages, {"sort": sort, "search": search})
        return result.get("errors") or [e["node"]["slug"] for e in result["data"]["pages"]["edges"]]

    assert slugs({"field": "TITLE", "direction": "DESC"}) == ["pesan-kami", "cara-pesan", "alamat"]
    # RANK, only with a search: page search has no rank of its own, so matches go by slug
    assert slugs({"field": "RANK", "direction": "ASC"}, "pesan") == ["cara-pesan", "pesan-kami"]
    assert slugs({"field": "RANK", "direction": "DESC"}, "pesan") == ["pesan-kami", "cara-pesan"]
    assert "search" in slugs({"field": "RANK", "direction": "DESC"})[0]["message"]

    small, big = (
        Menu.objects.create(name="Kaki", slug="footer"),
        Menu.objects.create(name="Atas", slug="navbar"),
    )
    for n in range(3):
        MenuItem.objects.create(menu=big, name=f"Menu {n}", url="https://lumbung.test")
    MenuItem.objects.create(menu=small, name="FAQ", url="https://lumbung.test/faq")
    menus = gql.execute(
        "query ($channel: String) { menus(first: 5, channel: $channel, "
        "sortBy: {field: ITEMS_COUNT, direction: DESC}) { edges { node { slug } } } }",
        {"channel": world.channel1.slug},
    )["data"]["menus"]["edges"]
    assert [edge["node"]["slug"] for edge in menus] == ["navbar", "footer"]
