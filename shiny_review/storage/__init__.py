"""Storage layer: the workspace file (SQLite through SQLAlchemy 2), its schema and migrations.

SQLAlchemy and Alembic are imported only inside this package.
"""
