"""The application's identity, defined once (the bundle, About box and PDF metadata read it)."""

APP_NAME = "Regional Proposal Studio"
APP_NAME_KO = "지역혁신 제안서 작성기"
APP_SLUG = "regional-proposal-studio"
ORGANISATION = "RegionalProposalStudio"
BUNDLE_ID = "kr.regionalproposal.studio"
VERSION = "0.1.0"
#: Exchange-file format identifier and the version this app writes.
FILE_FORMAT = "regional-proposal"
FILE_FORMAT_VERSION = 3
#: The largest exchange file read: room for the attached scans (base64) besides the text.
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Executables of the bundle (pyinstaller.spec): the windowed app and the command line.
GUI_EXE = "RegionalProposalStudio"
CLI_EXE = "rps"
MACOS_MINIMUM = "11.0"


def name(lang: str) -> str:
    """The app's name in ``lang``: Korean in Korean, English otherwise."""
    return APP_NAME_KO if lang == "ko" else APP_NAME
COPYRIGHT = ("© 2026 Regional Proposal Studio. Fonts: NanumGothic, NanumMyeongjo © NAVER Corporation; "
             "Noto Sans, Noto Serif © Google (OFL 1.1).")
