"""Het gedeelde register: aanvragen en besluiten, alleen toevoegen, met een hashketen."""
