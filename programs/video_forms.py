"""The form that uploads an exercise video and its optional poster (checks in programs.videos)."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from clinic.uploads import clean_image_upload

from .videos import check_video, max_bytes, too_large_message


class ExerciseVideoForm(forms.Form):
    video = forms.FileField(
        label=_("Video"),
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
        error_messages={"required": _("Choose a video file (MP4 or WebM).")},
    )
    poster = forms.ImageField(
        label=_("Poster image (optional)"),
        required=False,
        help_text=_(
            "The still shown before the video plays. Without one, the start picture is shown."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={
            "invalid_image": _("This file is not a readable image. Use JPEG, PNG or WebP.")
        },
    )

    def __init__(self, *args, oversize: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.oversize = oversize
        self.fields["video"].help_text = _(
            "MP4 (H.264) or WebM, at most %(limit)s. The file's content is checked, not its "
            "name. A new video replaces the one shown; the old one is kept in the record."
        ) % {"limit": filesizeformat(max_bytes())}

    def clean(self):
        # A file past the limit was not read at all (VideoSizeLimit): say why beside the field.
        if self.oversize:
            self.errors.pop("video", None)
            self.add_error("video", too_large_message())
        return super().clean()

    def clean_video(self):
        upload = self.cleaned_data["video"]
        try:
            return check_video(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error

    def clean_poster(self):
        poster = self.cleaned_data.get("poster")
        if poster and hasattr(poster, "content_type"):
            return clean_image_upload(poster)
        return poster
