"""The blocking client: two ``WorkOS`` clients (each with its own event-loop thread, like two
processes) share one refresh through Redis via ``workos.sessions.share_refreshes``."""

from __future__ import annotations

from workos_async import WorkOS
from workos_async.coordination import Coordinator
from workos_async.sessions import IronSealer, SessionCookieData, decode_unverified_claims
from workos_async.testing import FakeWorkOS

PASSWORD = "a-cookie-password-of-at-least-32-characters!"
API_KEY = "sk_test_sync_coordination"
CLIENT_ID = "client_sync"


def test_two_blocking_clients_share_one_refresh(redis_url: str) -> None:
    with FakeWorkOS(api_key=API_KEY, client_id=CLIENT_ID).run_in_thread() as fake:
        clients = [
            WorkOS(api_key=API_KEY, client_id=CLIENT_ID, base_url=fake.url) for _ in range(2)
        ]
        coordinators: list[Coordinator] = []
        try:
            um = clients[0].user_management
            um.create_user(email="ada@example.com", password="correct horse battery")
            auth = um.authenticate_with_password(
                email="ada@example.com", password="correct horse battery"
            )
            claims = dict(decode_unverified_claims(auth.access_token))
            claims["exp"] = claims["iat"] - 1
            cookie = IronSealer(PASSWORD).seal(
                SessionCookieData(
                    access_token=fake.auth.sign_token(claims),
                    refresh_token=auth.refresh_token,
                    user={"id": auth.user.id},
                ).to_dict()
            )
            coordinators += [Coordinator.from_redis(redis_url) for _ in clients]
            for client, coordinator in zip(clients, coordinators, strict=True):
                client.sessions.share_refreshes(coordinator.flights, cookie_password=PASSWORD)
            results = [
                client.sessions.load_sealed_session(
                    cookie, cookie_password=PASSWORD
                ).authenticate_or_refresh()
                for client in clients
            ]
            shared_hits = clients[1].sessions.async_sessions.refreshes.shared_hits
        finally:
            for client, coordinator in zip(clients, coordinators):  # noqa: B905 (may be empty)
                # Its connections live on the client's loop thread: close them there.
                client._run(coordinator.aclose)
            for client in clients:
                client.close()
    assert all(r.authenticated and r.refreshed for r in results)
    assert results[0].sealed_session == results[1].sealed_session  # type: ignore[union-attr]
    assert fake.auth.refresh_requests(auth.refresh_token) == 1
    assert shared_hits == 1
