"""Het domein: casus, geld, prijslijst, berekening en regels. Geen Qt, geen GUI."""
