"""What copydesk keeps, and where: ``paths`` (the one place that decides where files go),
``database`` (the SQLite discipline every database shares), ``cache`` (finished analyses),
``library/`` (feeds, articles, versions, the cross-article index, updates) and ``review/``
(marks and notes, their anchoring, the session, exports)."""
