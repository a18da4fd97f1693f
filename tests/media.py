"""Small in-memory files for tests that upload images."""

import io

from django.core.files.base import ContentFile
from PIL import Image


def png_file(name="graphique.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#2a6f4e").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)
