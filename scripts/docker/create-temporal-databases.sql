-- Temporal keeps its own databases on the same PostgreSQL server; auto-setup creates their schemas.
CREATE DATABASE temporal;
CREATE DATABASE temporal_visibility;
