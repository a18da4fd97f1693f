"""The image upload form: Wagtail's, with the pixel count checked before anything is decoded.

Wagtail compares an upload with WAGTAILIMAGES_MAX_IMAGE_PIXELS only after Willow has decoded
the whole image: a small compressed file claiming huge dimensions costs gigabytes of memory
first, and a header whose data cannot be decoded, or that trips Pillow's own bomb alarm, ends in
a server error instead of a form error. Reading the header alone answers both cheaply.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class HeaderCheckedImageField(WagtailImageField):
    def to_python(self, data):
        if data is not None and hasattr(data, "seek"):
            self.check_header_pixel_size(data)
        try:
            return super().to_python(data)
        except (OSError, SyntaxError) as error:
            # Pillow found the header but not decodable image data: a truncated or forged file.
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error

    def check_header_pixel_size(self, upload):
        try:
            with Image.open(upload) as header:
                width, height = header.size
        except Image.DecompressionBombError as error:
            raise ValidationError(
                _("Cette image compte trop de pixels (maximum %(max_pixels)s).")
                % {"max_pixels": self.max_image_pixels},
                code="file_too_many_pixels",
            ) from error
        except (UnidentifiedImageError, OSError, SyntaxError):
            return  # not an image Pillow knows: Wagtail reports the format
        finally:
            upload.seek(0)
        if width * height > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": width * height, "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            )


class ImageForm(BaseImageForm):
    file = HeaderCheckedImageField(label=_("Fichier"))
