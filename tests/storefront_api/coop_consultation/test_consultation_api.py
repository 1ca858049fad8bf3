"""Consultations through /graphql/: ask (with files in a multipart request), list, read,
reply, close; Saleor's {field, message, code} errors; nobody outside the cooperative's
admins and its Dinas officers reads or writes a thread."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from coop_reporting.consultation.models import ConsultationMessage, ConsultationThread
from marketplace.core.models import OutgoingEmail
from tests.coop_reporting.consultation.conftest import ask, pdf_bytes, reply
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid, token_for

pytestmark = pytest.mark.django_db

THREAD_FIELDS = """
  id status topic question canReply firstAnsweredAt closedAt cooperative { name }
  messages { side authorName text attachments { fileName contentType pageCount url } }
"""
ASK = f"""
mutation Ask($input: ConsultationAskInput!) {{
  consultationAsk(input: $input) {{
    thread {{ {THREAD_FIELDS} }}
    errors {{ field message code }}
  }}
}}"""
REPLY = f"""
mutation Reply($input: ConsultationReplyInput!) {{
  consultationReply(input: $input) {{
    thread {{ {THREAD_FIELDS} }}
    message {{ side text }}
    errors {{ field message code }}
  }}
}}"""
CLOSE = """
mutation Close($id: ID!) {
  consultationClose(id: $id) { thread { status closedAt } errors { field message code } }
}"""
THREADS = """
query Threads($cooperative: ID, $status: ConsultationStatusEnum) {
  consultationThreads(first: 20, cooperative: $cooperative, status: $status) {
    totalCount edges { node { id status question cooperative { name } } }
  }
}"""
THREAD = f"query Thread($id: ID!) {{ consultationThread(id: $id) {{ {THREAD_FIELDS} }} }}"


def run(client, user, query: str, variables: dict) -> dict:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(user)}", "Accept-Language": "en"},
    )
    assert response.status_code == 200, response.content
    return response.json()


def run_with_files(client, user, query: str, variables: dict, files: dict[str, bytes]) -> dict:
    """A GraphQL multipart request: ``files`` go to ``variables.input.attachments.N``."""
    variables["input"]["attachments"] = [None] * len(files)
    data = {
        "operations": json.dumps({"query": query, "variables": variables}),
        "map": json.dumps(
            {str(n): [f"variables.input.attachments.{n}"] for n in range(len(files))}
        ),
    }
    for n, (name, content) in enumerate(files.items()):
        data[str(n)] = SimpleUploadedFile(name, content)
    response = client.post(
        "/graphql/",
        data=data,
        headers={"Authorization": f"Bearer {token_for(user)}", "Accept-Language": "en"},
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_a_thread_from_question_to_closing(client, desk, settings):
    asked = run_with_files(
        client,
        desk.admin_a,
        ASK,
        {
            "input": {
                "cooperative": gid("Cooperative", desk.coop_a.pk),
                "topic": "FINANCE",
                "text": "Bagaimana mencatat simpanan sukarela?",
            }
        },
        {"buku-kas.pdf": pdf_bytes(pages=2)},
    )["data"]["consultationAsk"]
    assert asked["errors"] == []
    thread = asked["thread"]
    assert (thread["status"], thread["topic"], thread["canReply"]) == ("OPEN", "FINANCE", True)
    assert thread["question"] == "Bagaimana mencatat simpanan sukarela?"
    [attachment] = thread["messages"][0]["attachments"]
    assert (attachment["fileName"], attachment["pageCount"]) == ("buku-kas.pdf", 2)
    assert attachment["url"].startswith(settings.PUBLIC_URL + "/media/consultation/")
    assert OutgoingEmail.objects.count() == 2  # the Kudus and Jawa Tengah officers

    listed = run(client, desk.kudus_officer, THREADS, {"status": "OPEN"})
    assert listed["data"]["consultationThreads"]["totalCount"] == 1

    replied = run(
        client,
        desk.kudus_officer,
        REPLY,
        {"input": {"thread": thread["id"], "text": "Catat di buku simpanan anggota."}},
    )["data"]["consultationReply"]
    assert replied["errors"] == []
    assert replied["message"] == {"side": "DINAS", "text": "Catat di buku simpanan anggota."}
    assert replied["thread"]["status"] == "ANSWERED"
    assert replied["thread"]["firstAnsweredAt"] is not None
    assert replied["thread"]["messages"][1]["authorName"] == "Agus"
    assert OutgoingEmail.objects.filter(to="ketua.artha@koperasi.test").count() == 1

    closed = run(client, desk.admin_a, CLOSE, {"id": thread["id"]})["data"]["consultationClose"]
    assert closed["errors"] == []
    assert closed["thread"]["status"] == "CLOSED"
    again = run(client, desk.kudus_officer, CLOSE, {"id": thread["id"]})["data"]
    assert again["consultationClose"]["errors"] == [
        {"field": None, "message": "This consultation is already closed.", "code": "ALREADY_CLOSED"}
    ]
    # still on the record, for both sides
    read = run(client, desk.kudus_officer, THREAD, {"id": thread["id"]})["data"]
    assert len(read["consultationThread"]["messages"]) == 2


def test_refused_input_comes_back_as_errors_and_changes_nothing(client, desk):
    cooperative = gid("Cooperative", desk.coop_a.pk)
    empty = run(
        client,
        desk.admin_a,
        ASK,
        {"input": {"cooperative": cooperative, "topic": "RAT", "text": "  "}},
    )["data"]["consultationAsk"]
    assert empty == {
        "thread": None,
        "errors": [{"field": "text", "message": "Write your message.", "code": "REQUIRED"}],
    }
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    refused = run_with_files(
        client,
        desk.admin_a,
        ASK,
        {"input": {"cooperative": cooperative, "topic": "LEGAL", "text": "Izin usaha?"}},
        {"izin.gif": gif.getvalue()},
    )["data"]["consultationAsk"]
    assert refused["errors"] == [
        {
            "field": "attachments",
            "message": "izin.gif: Upload a PDF, JPEG, PNG or WebP file.",
            "code": "UNSUPPORTED_FILE_TYPE",
        }
    ]
    assert not ConsultationThread.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_other_cooperatives_and_other_regions_get_permission_errors(client, desk):
    thread = ask(desk)
    OutgoingEmail.objects.all().delete()
    thread_id = gid("ConsultationThread", thread.pk)
    for outsider in (desk.admin_b, desk.bali_officer, desk.staff_a):
        assert_permission_denied(run(client, outsider, THREAD, {"id": thread_id}))
        listed = run(client, outsider, THREADS, {})["data"]["consultationThreads"]
        assert listed["totalCount"] == 0
        assert_permission_denied(
            run(client, outsider, REPLY, {"input": {"thread": thread_id, "text": "Halo"}})
        )
        assert_permission_denied(run(client, outsider, CLOSE, {"id": thread_id}))
        asked = {"cooperative": gid("Cooperative", desk.coop_a.pk), "topic": "RAT", "text": "?"}
        assert_permission_denied(run(client, outsider, ASK, {"input": asked}))
    # officers answer but do not ask for the cooperative; platform staff read but write
    # for neither side
    asked = {"cooperative": gid("Cooperative", desk.coop_a.pk), "topic": "RAT", "text": "?"}
    assert_permission_denied(run(client, desk.kudus_officer, ASK, {"input": asked}))
    staff = run(client, desk.platform_staff, THREAD, {"id": thread_id})["data"]
    assert staff["consultationThread"]["canReply"] is False
    assert_permission_denied(
        run(client, desk.platform_staff, REPLY, {"input": {"thread": thread_id, "text": "Hi"}})
    )
    thread.refresh_from_db()
    assert thread.status == "open"
    assert ConsultationMessage.objects.count() == 1
    assert ConsultationThread.objects.count() == 1
    assert not OutgoingEmail.objects.exists()


DESK = """
query {
  consultationDesk {
    openQuestions { cooperative { name } count }
    medianSecondsToFirstAnswer
  }
}
"""


def test_the_desk_counts_open_questions_and_the_median_first_answer_in_the_officers_region(
    client, desk
):
    assert run(client, desk.kudus_officer, DESK, {})["data"]["consultationDesk"] == {
        "openQuestions": [],
        "medianSecondsToFirstAnswer": None,
    }
    ask(desk)
    ask(desk)
    answered = ask(desk)
    answered.asked_at -= datetime.timedelta(hours=3)
    answered.save(update_fields=["asked_at"])
    reply(answered, "dinas", desk.kudus_officer, "Sudah kami jawab.")
    ask(desk, cooperative=desk.bali_coop, actor=desk.bali_admin)

    kudus = run(client, desk.kudus_officer, DESK, {})["data"]["consultationDesk"]
    assert kudus["openQuestions"] == [{"cooperative": {"name": "KSP Artha Kudus"}, "count": 2}]
    # one answered thread, three hours (10,800 s) after it was asked, give or take the test's run
    assert 3 * 3600 <= kudus["medianSecondsToFirstAnswer"] < 3 * 3600 + 60
    bali = run(client, desk.bali_officer, DESK, {})["data"]["consultationDesk"]
    assert bali["openQuestions"] == [
        {"cooperative": {"name": "KUD Mina Segara Pecatu"}, "count": 1}
    ]
    assert bali["medianSecondsToFirstAnswer"] is None
    for outsider in (desk.admin_a, desk.staff_a):
        assert_permission_denied(run(client, outsider, DESK, {}))
