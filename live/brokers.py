"""Fan-out of live events to the open streams of this process, and across processes.

One small interface, two implementations: ``InProcessBroker`` (the one-process default: publish
hands the event straight to this process's subscribers) and ``RedisBroker`` (publish goes to a
Redis channel; each process listens once and hands what it hears to its own subscribers), chosen
by ``HERALD_LIVE_REDIS_URL`` (``REDIS_URL`` by default). ``publish`` may be called from any
thread; subscribers live on event loops.
"""

import asyncio
import contextlib
import json
import logging
import threading

from django.conf import settings

logger = logging.getLogger(__name__)


class Subscription:
    """One open stream's inbox: bounded, so a client that stops reading is dropped, not buffered."""

    def __init__(self, loop, maxsize):
        self.loop = loop
        self.queue = asyncio.Queue(maxsize=maxsize)
        self.overflowed = False

    def deliver(self, event):  # runs on self.loop
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.overflowed = True

    async def get(self):
        return await self.queue.get()


class LocalFanout:
    def __init__(self):
        self._subscriptions = set()
        self._lock = threading.Lock()

    @property
    def subscriber_count(self):
        return len(self._subscriptions)

    def fan_out(self, event):
        with self._lock:
            subscriptions = list(self._subscriptions)
        for subscription in subscriptions:
            with contextlib.suppress(RuntimeError):  # that loop has closed
                subscription.loop.call_soon_threadsafe(subscription.deliver, event)

    @contextlib.asynccontextmanager
    async def subscribe(self):
        subscription = Subscription(asyncio.get_running_loop(), settings.HERALD_LIVE_CLIENT_QUEUE)
        with self._lock:
            self._subscriptions.add(subscription)
        try:
            await self._started()
            yield subscription
        finally:
            with self._lock:
                self._subscriptions.discard(subscription)

    async def _started(self):
        """Hook for brokers that need a listener running before they can deliver."""


class InProcessBroker(LocalFanout):
    def publish(self, event):
        self.fan_out(event)


class RedisBroker(LocalFanout):
    """Redis pub/sub: every process of every machine hears every event.

    If Redis goes away, publishing logs and carries on (events are in the database, so clients
    catch up when they reconnect), and the listener reconnects with backoff while the streams
    keep heartbeating.
    """

    def __init__(self, url, channel):
        super().__init__()
        self.url, self.channel = url, channel
        self._listener = None
        self._connected = None
        self._client = None

    def publish(self, event):
        import redis

        try:
            if self._client is None:
                self._client = redis.Redis.from_url(self.url, socket_timeout=2)
            self._client.publish(self.channel, json.dumps(event))
        except redis.RedisError as exc:
            logger.warning("Live event %s not published to Redis: %s", event.get("id"), exc)

    async def _started(self):
        if self._listener is None or self._listener.done():
            self._connected = asyncio.Event()
            self._listener = asyncio.get_running_loop().create_task(self._listen())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._connected.wait(), timeout=2)

    async def _listen(self):
        import redis.asyncio as aioredis
        from redis.exceptions import RedisError

        delay = 0.5
        while True:
            client = aioredis.Redis.from_url(self.url)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(self.channel)
                    self._connected.set()
                    delay = 0.5
                    logger.info("Live: listening on Redis channel %s", self.channel)
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            self.fan_out(json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError, ValueError) as exc:
                logger.warning("Live: Redis listener lost (%s); retrying in %.1f s", exc, delay)
            finally:
                with contextlib.suppress(Exception):
                    await client.aclose()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10)


_broker = None
_broker_lock = threading.Lock()


def get_broker():
    global _broker
    with _broker_lock:
        if _broker is None:
            if settings.HERALD_LIVE_REDIS_URL:
                _broker = RedisBroker(settings.HERALD_LIVE_REDIS_URL, settings.HERALD_LIVE_CHANNEL)
            else:
                _broker = InProcessBroker()
        return _broker
