"""An external scanner on the guardrails' plug-in point: an OpenAI-compatible moderation endpoint.

Switched on by ``AI_MODERATION_URL`` (the base URL, as for the chat provider: OpenAI's
``https://api.openai.com/v1`` or a self-hosted server that speaks ``POST /moderations``), it is
appended to ``app.extensions["ai_scanners"]`` and judges every input, and every answer, beside
the rules and the classifier: a flagged category scores ``AI_INJECTION_BLOCK_SCORE`` and refuses
(the audit record names the layer ``scanner``). When the service does not answer within
``AI_MODERATION_TIMEOUT`` the call fails closed with ``503``: a scanner that was configured is
never skipped in silence. Any other detector (LLM Guard's models, a vendor's API) plugs in the same
way: a callable ``(text, stage) -> [(reason, score), ...]`` in that list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .provider import ProviderUnavailable

LOOPBACK = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class ModerationScanner:
    """Ask ``{base_url}/moderations`` about one text; the flagged categories are the reasons."""

    base_url: str
    api_key: str | None
    model: str
    timeout: float
    stages: tuple[str, ...]
    score: float  # what one flagged category adds (the block score: it refuses on its own)

    @classmethod
    def from_config(cls, config: Any) -> ModerationScanner:
        url = str(config["AI_MODERATION_URL"]).rstrip("/")
        parts = urlsplit(url)
        if parts.scheme != "https" and parts.hostname not in LOOPBACK:
            raise ValueError("AI_MODERATION_URL must be https:// (plain http only on loopback).")
        return cls(
            base_url=url,
            api_key=config["AI_MODERATION_API_KEY"] or config["AI_OPENAI_API_KEY"] or None,
            model=config["AI_MODERATION_MODEL"],
            timeout=float(config["AI_MODERATION_TIMEOUT"]),
            stages=tuple(config["AI_MODERATION_STAGES"]),
            score=float(config["AI_INJECTION_BLOCK_SCORE"]),
        )

    def __call__(self, text: str, stage: str) -> Sequence[tuple[str, float]]:
        if stage not in self.stages or not text.strip():
            return []
        import httpx

        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            response = httpx.post(
                f"{self.base_url}/moderations",
                json={"model": self.model, "input": text},
                headers=headers,
                timeout=self.timeout,
            )
            response.raise_for_status()
            result = response.json()["results"][0]
            categories = {name for name, flagged in result["categories"].items() if flagged}
            flagged = bool(result["flagged"])
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
            raise ProviderUnavailable("The moderation service did not answer; nothing was sent on.") from exc
        if not flagged:
            return []
        return [(f"moderation:{name}", self.score) for name in sorted(categories or {"flagged"})]
