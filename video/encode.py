"""Encode pictures into a short video with PyAV: what the demo and the tests use to make
videos of their own instead of shipping or downloading any."""

import io
from collections.abc import Iterable

import av
from PIL import Image

# Container and encoder by extension: H.264 in MP4, VP9 in WebM (both in PyAV's wheels).
ENCODERS = {"mp4": ("mp4", "libx264"), "webm": ("webm", "libvpx-vp9")}


def video_encode(frames: Iterable[Image.Image], *, fps: int = 12, extension: str = "mp4") -> bytes:
    """The frames (all one even-sided size) as a video file's bytes."""
    container_format, encoder = ENCODERS[extension]
    out = io.BytesIO()
    with av.open(out, mode="w", format=container_format) as container:
        stream = None
        for picture in frames:
            if stream is None:
                stream = container.add_stream(encoder, rate=fps)
                stream.width, stream.height = picture.size
                stream.pix_fmt = "yuv420p"
                if encoder == "libx264":
                    stream.options = {"preset": "veryfast", "crf": "30"}
                else:
                    stream.options = {
                        "deadline": "realtime",
                        "cpu-used": "8",
                        "crf": "40",
                        "b": "0",
                    }
            frame = av.VideoFrame.from_image(picture.convert("RGB"))
            for packet in stream.encode(frame):
                container.mux(packet)
        if stream is not None:
            for packet in stream.encode():
                container.mux(packet)
    return out.getvalue()
