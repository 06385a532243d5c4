"""Analysis: corroboration against reference registers, FollowTheMoney export, evaluation scores."""
