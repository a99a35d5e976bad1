-- Migratie 4: de nacalculatie en de budgetpot van een jaar, ook in de database gecontroleerd.
--
-- Een nacalculatie laat geld terugvallen in de pot ('vrijgevallen'). Wie de functie direct aanroept, zou zo de pot
-- kunnen vullen. De database rekent daarom zelf na: de casus heeft een goedgekeurde aanvraag (de laatste
-- goedgekeurde is waarover de nacalculatie gaat), 'toegekend' is wat voor de casus is goedgekeurd, de werkelijke
-- uitgave ligt tussen 0 en dat bedrag, en vrijgevallen = toegekend - werkelijke uitgave. Een budgetpot is een
-- bedrag van minstens 0 voor een jaar.

CREATE FUNCTION doorbraak.controleer_nacalculatie_en_budget() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    g jsonb := NEW.inhoud::jsonb -> 'gegevens';
    laatste text;
    toegekend numeric;
    uitgave numeric;
BEGIN
    IF current_setting('doorbraak.migreren', true) = 'aan' AND session_user = doorbraak.eigenaar() THEN
        RETURN NEW;
    END IF;
    IF NEW.soort = 'nacalculatie' THEN
        SELECT a.aanvraag INTO laatste FROM doorbraak.aanvragen() a
         WHERE a.casus = lower(g ->> 'casus_id') AND a.status = 'goedgekeurd'
         ORDER BY (split_part(a.aanvraag, '-', -1))::integer DESC LIMIT 1;
        SELECT coalesce(sum(a.bedrag), 0) INTO toegekend FROM doorbraak.aanvragen() a
         WHERE a.casus = lower(g ->> 'casus_id') AND a.status = 'goedgekeurd';
        IF laatste IS NULL OR laatste IS DISTINCT FROM g ->> 'aanvraag' THEN
            RAISE EXCEPTION 'doorbraak: een nacalculatie gaat over de laatste goedgekeurde aanvraag van % (%), niet %',
                g ->> 'casus_id', coalesce(laatste, 'er is er geen'), g ->> 'aanvraag' USING ERRCODE = 'DB001';
        END IF;
        BEGIN
            uitgave := (g ->> 'werkelijke_uitgave')::numeric;
        EXCEPTION WHEN others THEN
            uitgave := NULL;
        END;
        IF uitgave IS NULL OR uitgave < 0 OR uitgave > toegekend
           OR (g ->> 'toegekend')::numeric IS DISTINCT FROM toegekend
           OR (g ->> 'vrijgevallen')::numeric IS DISTINCT FROM toegekend - uitgave THEN
            RAISE EXCEPTION 'doorbraak: de nacalculatie van % klopt niet: toegekend %, werkelijke uitgave %, '
                'vrijgevallen % (de database rekent toegekend %, dus vrijgevallen %)', g ->> 'aanvraag',
                g ->> 'toegekend', g ->> 'werkelijke_uitgave', g ->> 'vrijgevallen', toegekend,
                toegekend - coalesce(uitgave, 0) USING ERRCODE = 'DB001';
        END IF;
    ELSIF NEW.soort = 'budget' THEN
        IF NOT (g ->> 'bedrag') ~ '^[0-9]+(\.[0-9]{1,2})?$' OR NOT (g ->> 'jaar') ~ '^[0-9]{4}$' THEN
            RAISE EXCEPTION 'doorbraak: een budgetpot is een bedrag van minstens 0 voor een jaar, niet % voor %',
                g ->> 'bedrag', g ->> 'jaar' USING ERRCODE = 'DB001';
        END IF;
    END IF;
    RETURN NEW;
END $$;
-- (na aan_de_keten en regels; triggers gaan op alfabet)
CREATE TRIGGER regels_nacalculatie_en_budget BEFORE INSERT ON doorbraak.record
    FOR EACH ROW EXECUTE FUNCTION doorbraak.controleer_nacalculatie_en_budget();

INSERT INTO doorbraak.migratie (versie) VALUES (4);
