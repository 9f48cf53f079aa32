"""The coordinator's workspace in admin: the Today page at /staff/ and the reads that join
several apps (a client's timeline and page). It sits above clients, consultations,
enrollment, cohorts, notifications and roster, and none of them imports it."""
