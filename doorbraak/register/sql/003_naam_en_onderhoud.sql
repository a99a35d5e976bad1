-- Migratie 3: de weergavenaam in een record hoort bij de login, en het onderhoudspad.
--
-- 1. Wie handelt is session_user; de weergavenaam die de client meestuurt is opmaak. Die opmaak mag niet
--    misleiden: de naam in een record is de login zelf of de naam die het register bij die login kent. Wie de
--    functies direct aanroept met de naam van een ander, wordt geweigerd.
--
-- 2. Onderhoud. Records worden nooit gewijzigd of verwijderd, ook niet door de eigenaar: de keten hangt ervan af.
--    Eén ding kan wel weg: de inhoud van een stuk (de vastgelegde casus, berekening en prijzen bij een indiening),
--    bijvoorbeeld als daarin per ongeluk een BSN of een naam staat, of na de bewaartermijn (AVG). Dat gaat alleen via
--    doorbraak.wis_stuk(aanvraag, reden) (migratie 5), alleen door de eigenaar van de database, en het laat eerst een record
--    'onderhoud' achter (wie, wanneer, welk stuk, waarom). Het record van de indiening met zijn bedragen en hash
--    blijft staan; `verifieer` ziet dat het stuk met reden is gewist.

CREATE FUNCTION doorbraak.eigenaar() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()
$$;

CREATE FUNCTION doorbraak.naam_en_onderhoud_bij_nieuw_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    j jsonb := NEW.inhoud::jsonb;
    naam text := j -> 'gebruiker' ->> 'naam';
    bekend text;
    nieuw text;
BEGIN
    IF current_setting('doorbraak.migreren', true) = 'aan' AND session_user = doorbraak.eigenaar() THEN
        RETURN NEW;  -- een overgenomen keten (register migreer): de namen van toen
    END IF;
    IF NEW.soort NOT IN ('register', 'indiening', 'toetsing', 'besluit', 'nacalculatie', 'instellingen', 'budget',
                         'herstel', 'onderhoud') THEN
        RAISE EXCEPTION 'doorbraak: een record van soort "%" kent het register niet', NEW.soort USING ERRCODE = 'DB001';
    END IF;
    IF NEW.volgnummer > 1 THEN
        bekend := doorbraak.instellingen() -> 'namen' ->> NEW.login;
    END IF;
    IF NEW.soort = 'register' THEN
        nieuw := j -> 'gegevens' -> 'namen' ->> NEW.login;
    ELSIF NEW.soort = 'instellingen' THEN
        nieuw := j -> 'gegevens' -> 'instellingen' -> 'namen' ->> NEW.login;
    END IF;
    IF naam IS DISTINCT FROM NEW.login AND naam IS DISTINCT FROM bekend AND naam IS DISTINCT FROM nieuw THEN
        RAISE EXCEPTION 'doorbraak: "%" is niet de naam van %; een record noemt wie handelt bij zijn login', naam,
            NEW.login USING ERRCODE = 'DB001';
    END IF;
    -- doorbraak_escalatie is een rol van het hele cluster; beslissen mag alleen wie ook op de escalatielijst van
    -- dit register staat (zoals Doorbraak zelf controleert). In een register van vóór de logins mag de maker de lijst
    -- eenmalig omzetten.
    IF NEW.soort IN ('besluit', 'instellingen', 'budget', 'herstel') AND NEW.volgnummer > 1
       AND NOT coalesce(doorbraak.instellingen() -> 'escalatie', '[]'::jsonb) ? NEW.login
       AND NOT (NEW.soort = 'instellingen' AND doorbraak.instellingen() ->> 'identiteit' IS DISTINCT FROM 'login'
                AND NEW.login = (SELECT login FROM doorbraak.record WHERE volgnummer = 1)) THEN
        RAISE EXCEPTION 'doorbraak: % staat niet op de escalatielijst van dit register', NEW.login
            USING ERRCODE = 'DB001';
    END IF;
    IF NEW.soort = 'onderhoud' AND NEW.login IS DISTINCT FROM doorbraak.eigenaar() THEN
        RAISE EXCEPTION 'doorbraak: onderhoud doet alleen de eigenaar van de database (%), niet %',
            doorbraak.eigenaar(), NEW.login USING ERRCODE = 'DB001';
    END IF;
    RETURN NEW;
END $$;
-- (na de triggers aan_de_keten en regels: triggers gaan op alfabet)
CREATE TRIGGER regels_naam_en_onderhoud BEFORE INSERT ON doorbraak.record
    FOR EACH ROW EXECUTE FUNCTION doorbraak.naam_en_onderhoud_bij_nieuw_record();

-- Stukken: wijzigen en leegmaken blijft geweigerd; een rij verwijderen alleen als het onderhoudspad dat in deze
-- transactie voor precies dat stuk heeft aangezet, en er een record 'onderhoud' over dat stuk in de keten staat.
DROP TRIGGER alleen_toevoegen ON doorbraak.stuk;
CREATE TRIGGER alleen_toevoegen BEFORE UPDATE OR TRUNCATE ON doorbraak.stuk
    FOR EACH STATEMENT EXECUTE FUNCTION doorbraak.weiger_wijziging();

-- Per opdracht, zoals in migratie 1: ook een DELETE die niets zou raken, wordt geweigerd buiten het onderhoudspad.
CREATE FUNCTION doorbraak.weiger_wissen_buiten_onderhoud() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('doorbraak.onderhoud', true), '') = '' THEN
        RAISE EXCEPTION 'doorbraak: % in % geweigerd: een register wordt alleen aangevuld, nooit gewijzigd of '
            'verwijderd (een stuk wist alleen de eigenaar, met doorbraak.wis_stuk)', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'DB000';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER alleen_via_onderhoud_opdracht BEFORE DELETE ON doorbraak.stuk
    FOR EACH STATEMENT EXECUTE FUNCTION doorbraak.weiger_wissen_buiten_onderhoud();

-- Per rij: de functie doorbraak.wissen_via_onderhoud en het onderhoudspad doorbraak.wis_stuk staan in migratie 5,
-- omdat ze ook het gearchiveerde document van een aanvraag wissen.
REVOKE ALL ON FUNCTION doorbraak.eigenaar() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION doorbraak.eigenaar() TO doorbraak_coach, doorbraak_escalatie;

INSERT INTO doorbraak.migratie (versie) VALUES (3);
