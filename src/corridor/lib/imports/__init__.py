"""What every import shares: the report, the failure, the upsert and the JSON row reader."""
