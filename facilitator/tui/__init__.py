"""The facilitator's terminal app: the screens projected on the wall and the widgets they draw with.

Textual paints a screen on a timer of ``1 / TEXTUAL_FPS`` seconds (60 by default); a frame that ends past
its tick's period is followed no sooner than the tick after next, so behind a busy wall a key press waited
25–35 ms for its frame to start. The app asks for :data:`FRAMES_PER_SECOND` unless ``TEXTUAL_FPS`` is set;
a frame still paints only what changed, and the wall keeps its own pace (``widgets.wall``)."""

import os

#: The most frames a second the screen may paint; set before Textual is first imported (it reads
#: ``TEXTUAL_FPS`` once), which every import of this package's modules ensures.
FRAMES_PER_SECOND = 120

os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))
