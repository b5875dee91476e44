"""The proposal as data: model, call profiles, regions, money, rules and the wizard's steps.

Pure Python: nothing here imports Qt, SQLAlchemy, ReportLab or another layer of the app.
"""
