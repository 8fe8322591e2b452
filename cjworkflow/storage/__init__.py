"""Storage: the schema, the database, repositories, migrations, the lossless file."""
