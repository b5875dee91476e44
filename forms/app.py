"""The application's identity, defined once (the bundle, About box and PDF metadata read it)."""

APP_NAME = "Regional Proposal Studio"
APP_NAME_KO = "지역혁신 제안서 작성기"
APP_SLUG = "regional-proposal-studio"
ORGANISATION = "RegionalProposalStudio"
BUNDLE_ID = "kr.regionalproposal.studio"
VERSION = "0.1.0"
#: Exchange-file format identifier and the version this app writes.
FILE_FORMAT = "regional-proposal"
FILE_FORMAT_VERSION = 1
