"""The printed packet (제출 문서), laid out with ReportLab from ``forms`` data only.

Public API: ``reports.export.export_packet`` (``write_packet``) and ``reports.export.ExportRefused``. Importing ``reports.export`` does not load ReportLab; the
layout modules are loaded when a packet is really made.
"""
