"""What the operating system says is put in the user's language where the app knows the reason."""

from __future__ import annotations

import errno

from forms.base.errors import InputError, Phrase, os_reason


def test_known_reasons_are_translated_and_others_keep_the_systems_words():
    denied = os_reason(PermissionError(errno.EACCES, "Permission denied"))
    assert isinstance(denied, Phrase)
    assert "open in another program" in denied.render("en")
    assert "다른 프로그램" in denied.render("ko")
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")).render("ko") == "디스크 공간이 부족합니다"
    assert os_reason(OSError(errno.ECONNRESET, "Connection reset by peer")) == "Connection reset by peer"
    assert os_reason(OSError("no errno at all")) == "OSError"


def test_a_reason_renders_inside_the_message_in_its_language():
    error = InputError("Cannot read {file}: {reason}", file="a.json", reason=os_reason(FileNotFoundError(
        errno.ENOENT, "No such file or directory")))
    assert error.text("en") == "Cannot read a.json: the file or folder does not exist"
    assert "파일이나 폴더가 없습니다" in error.text("ko") and "No such file" not in error.text("ko")
