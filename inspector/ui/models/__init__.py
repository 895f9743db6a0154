"""Qt item models over plain rows built by the services (views never query the ORM)."""
