# English pages use the same dd/mm/yyyy dates and number format as Vietnamese ones.
from isogov.formats.vi.formats import *  # noqa: F401,F403
