import type { SeedPlan } from "./types.ts";

/**
 * Seed data for the Open Government Action Plans, based on the public page
 * "Actieplan Open Overheid 2020-2022" of the Expertisepunt Open Overheid
 * (ministerie van BZK). Long texts use the block format described in
 * `./types.ts`.
 */

export const currentPlan: SeedPlan = {
  slug: "actieplan-open-overheid-2020-2022",
  title: "Actieplan Open Overheid 2020-2022",
  period: "2020-2022",
  status: "current",
  intro: `“Open organisaties voor een open democratie” staat centraal in het vierde Actieplan Open Overheid 2020-2022 van het ministerie van BZK. Democratie is namelijk niet vanzelfsprekend. We moeten eraan blijven werken. Openheid is een van de manieren waarmee we dat doen. En we bereiken een open democratie alleen als er openheid is binnen overheidsorganisaties én naar buiten toe.

BZK werkt samen met overheden en partijen binnen en buiten de overheid aan de 13 actiepunten van het actieplan. Deze 13 acties verdeelden we over 7 thema’s.`,
  about: `## Samen doen we open!

“Open organisaties voor een open democratie” staat centraal in het vierde Actieplan Open Overheid 2020-2022 van het ministerie van Binnenlandse Zaken en Koninkrijksrelaties (BZK). Democratie is namelijk niet vanzelfsprekend. We moeten eraan blijven werken. Openheid is een van de manieren waarmee we dat doen. En we bereiken een open democratie alleen als er openheid is binnen overheidsorganisaties én naar buiten toe.

BZK werkt samen met overheden en partijen binnen en buiten de overheid aan de 13 actiepunten van het actieplan. Deze 13 acties verdeelden we over 7 thema’s.

## Over het Actieplan Open Overheid

Met het Actieplan Open Overheid zet Nederland zich in voor Open Overheid. In het actieplan staan de ambities van het kabinet en andere actiehouders beschreven. Het moet ertoe bijdragen dat overheidsorganisaties, maatschappelijke organisaties en burgers samenwerken aan een opener overheid. Waarom dit belangrijk is? Een opener overheid is een effectievere overheid, die burgers en maatschappelijke organisaties in een goede informatiepositie zet om gezamenlijk maatschappelijke vraagstukken aan te pakken.

In aanloop naar dit actieplan organiseerden we diverse consultatiebijeenkomsten.

## Open Government Partnership

Om daarbij ook internationale kennis, ervaring en instrumenten te benutten – en beschikbaar te stellen – is Nederland lid van het Open Government Partnership (OGP). OGP is sinds de oprichting in 2011 uitgegroeid tot een wereldwijde beweging waar meer dan 75 landen bij zijn aangesloten. Deze landen stellen in het kader van hun OGP lidmaatschap eens in de twee jaar een nieuw Actieplan Open Overheid op.

## Stakeholderforum

Het stakeholderforum denkt mee over de invulling en uitvoering van het Actieplan Open Overheid. Het forum volgt de actiepunten en bespreekt hoe het ermee staat.

## Alliantie Open Overheid

De Alliantie Open Overheid is een netwerk voor de uitwisseling van kennis, ervaringen en dilemma’s over Open Overheid. Werk jij aan een opener overheid? Of wil je dat juist gaan doen? Dan nodigen we jou van harte uit om lid te worden van de Alliantie Open Overheid.

## Vorige actieplannen

Het Actieplan Open Overheid 2020-2022 is het vierde Nederlandse actieplan. Dit waren de vorige actieplannen:

1. Actieplan Open Overheid 2014
2. Actieplan Open Overheid 2016-2017
3. Actieplan Open Overheid 2018-2020`,
  translations: {
    en: {
      title: "Open Government Action Plan 2020-2022",
      intro: `“Open organisations for an open democracy” is the central idea of the fourth Open Government Action Plan 2020-2022 of the Ministry of the Interior and Kingdom Relations (BZK). After all, democracy cannot be taken for granted. We have to keep working on it. Openness is one of the ways in which we do that. And we only achieve an open democracy if there is openness within government organisations and towards the outside world.

BZK works together with governments and parties inside and outside government on the 13 action points of the action plan. We divided these 13 actions over 7 themes.`,
      about: `## Together we do open!

“Open organisations for an open democracy” is the central idea of the fourth Open Government Action Plan 2020-2022 of the Ministry of the Interior and Kingdom Relations (BZK). After all, democracy cannot be taken for granted. We have to keep working on it. Openness is one of the ways in which we do that. And we only achieve an open democracy if there is openness within government organisations and towards the outside world.

BZK works together with governments and parties inside and outside government on the 13 action points of the action plan. We divided these 13 actions over 7 themes.

## About the Open Government Action Plan

With the Open Government Action Plan, the Netherlands commits itself to Open Government. The action plan describes the ambitions of the cabinet and other action holders. It should help government organisations, civil society organisations and citizens to work together on a more open government. Why is this important? A more open government is a more effective government, which puts citizens and civil society organisations in a good information position to tackle societal issues together.

In the run-up to this action plan, we organised various consultation meetings.

## Open Government Partnership

To also make use of international knowledge, experience and instruments – and to make them available – the Netherlands is a member of the Open Government Partnership (OGP). Since it was founded in 2011, OGP has grown into a worldwide movement that more than 75 countries have joined. As part of their OGP membership, these countries draw up a new Open Government Action Plan once every two years.

## Stakeholder forum

The stakeholder forum helps to think about the content and implementation of the Open Government Action Plan. The forum follows the action points and discusses how they are progressing.

## Alliantie Open Overheid

The Alliantie Open Overheid is a network for exchanging knowledge, experiences and dilemmas about Open Government. Are you working on a more open government? Or do you want to start doing so? Then we warmly invite you to become a member of the Alliantie Open Overheid.

## Previous action plans

The Open Government Action Plan 2020-2022 is the fourth Dutch action plan. These were the previous action plans:

1. Open Government Action Plan 2014
2. Open Government Action Plan 2016-2017
3. Open Government Action Plan 2018-2020`,
    },
  },
  themes: [
    {
      number: 1,
      slug: "open-democratie",
      title: "Open Democratie",
      description:
        "Dit thema gaat over openheid in de democratie: over het geld van politieke partijen, over hoe de uitslag van verkiezingen tot stand komt en over digitale manieren om inwoners mee te laten praten.",
      translations: {
        en: {
          title: "Open Democracy",
          description:
            "This theme is about openness in democracy: about the money of political parties, about how election results are determined and about digital ways to let residents have their say.",
        },
      },
      actionPoints: [
        {
          number: 1,
          slug: "transparantie-in-de-wet-op-de-politieke-partijen",
          title: "Transparantie in de Wet op de politieke partijen",
          holder: "Ministerie van BZK",
          partners: "Partijen die betrokken zijn in elk wetgevingsproces (ministeries, Raad van State)",
          summary:
            "Met deze wet wil het ministerie van BZK meer openheid over (de financiering van) politieke partijen en politieke campagnes.",
          body: `Met deze wet wil het ministerie van BZK meer openheid over (de financiering van) politieke partijen en politieke campagnes.`,
          contribution: `Door middel van nieuwe regels over (digitale) politieke campagnes en de financiering van decentrale partijen. Op deze manier laten we inwoners zien hoe politieke partijen werken. We versterken hiermee de democratie en vergroten het vertrouwen van inwoners in de overheid. Het ministerie van BZK biedt het wetsvoorstel aan de Tweede Kamer aan. Als het parlement het voorstel steunt, dan gaat de wet in.`,
          translations: {
            en: {
              title: "Transparency in the Political Parties Act",
              holder: "Ministry of the Interior and Kingdom Relations (BZK)",
              partners: "Parties involved in every legislative process (ministries, Council of State)",
              summary:
                "With this act, the Ministry of the Interior and Kingdom Relations (BZK) wants more openness about (the financing of) political parties and political campaigns.",
              body: `With this act, the Ministry of the Interior and Kingdom Relations (BZK) wants more openness about (the financing of) political parties and political campaigns.`,
              contribution: `Through new rules on (digital) political campaigns and on the financing of local and regional parties. In this way, we show residents how political parties work. This strengthens democracy and increases residents’ trust in the government. The Ministry of BZK submits the bill to the House of Representatives. If parliament supports the bill, the act enters into force.`,
            },
          },
        },
        {
          number: 2,
          slug: "transparantie-verkiezingsproces",
          title: "Transparantie verkiezingsproces",
          holder: "Ministerie van BZK",
          partners: "Partijen die betrokken zijn in elk wetgevingsproces (ministeries, Raad van State)",
          summary:
            "Vóór 2019 was het voor inwoners niet duidelijk hoe de uitslag van een verkiezing tot stand komt. Daarom zijn gemeenten sinds 1 januari 2019 verplicht de uitkomsten van de telling van alle stembureaus te delen op de gemeentelijke website.",
          body: `Vóór 2019 was het voor inwoners niet duidelijk hoe de uitslag van een verkiezing tot stand komt. Daarom zijn gemeenten sinds 1 januari 2019 verplicht de uitkomsten van de telling van alle stembureaus te delen op de gemeentelijke website. Gemeenten gebruiken software voor het tellen van de uitslagen van de stembureaus. Met de Wet nieuwe procedure vaststelling verkiezingsuitslagen gaan we nog een stapje verder.`,
          contribution: `Met deze wet delen gemeenten naast de uitkomsten van alle stembureaus ook alle gedigitaliseerde uitslagen van alle stembureaus en kandidaten. Met die informatie kan iedereen de verkiezingsuitslag berekenen. De Rijksoverheid biedt een online portaal waar de websites van alle gemeenten in een overzicht staan. We maken op deze manier informatie over de verkiezingsuitslagen makkelijker vindbaar voor inwoners.

De Tweede Kamer behandelt het (wets)voorstel op dit moment.`,
          translations: {
            en: {
              title: "Transparency of the electoral process",
              holder: "Ministry of the Interior and Kingdom Relations (BZK)",
              partners: "Parties involved in every legislative process (ministries, Council of State)",
              summary:
                "Before 2019, it was not clear to residents how the result of an election is determined. That is why, since 1 January 2019, municipalities have been required to share the results of the count of all polling stations on the municipal website.",
              body: `Before 2019, it was not clear to residents how the result of an election is determined. That is why, since 1 January 2019, municipalities have been required to share the results of the count of all polling stations on the municipal website. Municipalities use software to count the results of the polling stations. With the Act on a new procedure for establishing election results, we go one step further.`,
              contribution: `With this act, municipalities share not only the results of all polling stations, but also all digitised results of all polling stations and candidates. With that information, anyone can calculate the election result. Central government offers an online portal that lists the websites of all municipalities in one overview. In this way, we make information about election results easier for residents to find.

The House of Representatives is currently considering the (legislative) proposal.`,
            },
          },
        },
        {
          number: 3,
          slug: "digitale-democratie",
          title: "Digitale Democratie",
          holder: "Ministerie van BZK en Vereniging van Nederlandse Gemeenten (VNG)",
          partners: "Provincie Zuid-Holland, Provincie Groningen, Netwerk democratie, Rathenau Instituut",
          summary:
            "Nederland staat op plaats 42 (van de 170) als het gaat om participatiemogelijkheden. Dit blijkt uit het internationale onderzoek Democracy rapport 2020.",
          body: `Nederland staat op plaats 42 (van de 170) als het gaat om participatiemogelijkheden. Dit blijkt uit het internationale onderzoek Democracy rapport 2020. We kunnen onze mogelijkheden van digitale participatie dus nog beter benutten. Zeker als het gaat om de inzet van digitale manieren om inwoners te betrekken bij besluitvorming.`,
          contribution: `Het ministerie van BZK en de VNG werken samen aan een sterke (digitale) democratie. Dit doen ze samen met een netwerk van gemeenten, provincies en kennispartners. Ze delen kennis met elkaar op (digitale) netwerkevenementen én ze stimuleren overheden om met (open source) participatietools te werken. Bijvoorbeeld met de Provinciedeals. Provincies en haar gemeenten krijgen hulp bij het gebruik van digitale participatietools als ze de Provinciedeal tekenen.`,
          translations: {
            en: {
              title: "Digital Democracy",
              holder:
                "Ministry of the Interior and Kingdom Relations (BZK) and Association of Netherlands Municipalities (VNG)",
              partners: "Province of South Holland, Province of Groningen, Netwerk democratie, Rathenau Instituut",
              summary:
                "The Netherlands ranks 42nd (out of 170) when it comes to opportunities for participation. This is shown by the international study Democracy Report 2020.",
              body: `The Netherlands ranks 42nd (out of 170) when it comes to opportunities for participation. This is shown by the international study Democracy Report 2020. So we can make even better use of our opportunities for digital participation. Especially when it comes to using digital ways to involve residents in decision-making.`,
              contribution: `The Ministry of BZK and the VNG work together on a strong (digital) democracy. They do this together with a network of municipalities, provinces and knowledge partners. They share knowledge with each other at (digital) networking events and they encourage governments to work with (open source) participation tools. For example with the Province Deals (Provinciedeals). Provinces and their municipalities get help with using digital participation tools when they sign the Province Deal.`,
            },
          },
        },
      ],
    },
    {
      number: 2,
      slug: "open-informatie",
      title: "Open Informatie",
      description:
        "Dit thema gaat over het openbaar maken van informatie van de overheid. De overheid maakt documenten uit zichzelf openbaar en zorgt dat inwoners opgevraagde informatie makkelijk kunnen vinden.",
      translations: {
        en: {
          title: "Open Information",
          description:
            "This theme is about making government information public. The government makes documents public on its own initiative and makes sure residents can easily find information that was requested.",
        },
      },
      actionPoints: [
        {
          number: 4,
          slug: "vervolg-open-wob",
          title: "Vervolg Open Wob",
          holder: "Provincie Noord-Holland",
          partners:
            "Vereniging van Nederlandse Gemeenten (VNG), Waterschappen, verschillende gemeenten, Nationale Politie, verschillende provincies en Open State Foundation (OSF)",
          summary:
            "Iedereen kan informatie opvragen in het kader van de Wet openbaarheid van bestuur (Wob). Maar deze informatie is vaak niet toegankelijk en open.",
          body: `Iedereen kan informatie opvragen in het kader van de Wet openbaarheid van bestuur (Wob). Maar deze informatie is vaak niet toegankelijk en open. Daarom werken de provincie Noord-Holland en VNG met dit actiepunt aan (een) Open Wob-standaard(en).`,
          contribution: `De provincie Noord-Holland werkt met dit actiepunt aan (een) Open Wob-standaard(en). Met deze standaarden kunnen overheden makkelijk overheidsinformatie publiceren. In de vorm van open data bieden we de informatie ook gestandaardiseerd aan. Open Wob ondersteunt verschillende overheidsorganisaties hierbij. Inwoners krijgen zo meer inzicht in Wob-informatie, zowel inhoudelijk als procedureel. Ook stellen we de informatie op één plek beschikbaar. Inwoners kunnen op deze manier makkelijk openbare overheidsinformatie vinden. Hiermee werken we aan meer openheid.

Dit actiepunt is een vervolg uit het vorige actieplan.`,
          translations: {
            en: {
              title: "Follow-up to Open Wob",
              holder: "Province of North Holland",
              partners:
                "Association of Netherlands Municipalities (VNG), water authorities, various municipalities, National Police, various provinces and Open State Foundation (OSF)",
              summary:
                "Anyone can request information under the Government Information (Public Access) Act (Wob). But this information is often not accessible and open.",
              body: `Anyone can request information under the Government Information (Public Access) Act (Wob). But this information is often not accessible and open. That is why, with this action point, the Province of North Holland and the VNG are working on (an) Open Wob standard(s).`,
              contribution: `With this action point, the Province of North Holland is working on (an) Open Wob standard(s). With these standards, governments can easily publish government information. We also offer the information in a standardised way, in the form of open data. Open Wob supports various government organisations in this. This gives residents more insight into Wob information, both in terms of content and procedure. We also make the information available in one place. In this way, residents can easily find public government information. This is how we work towards more openness.

This action point is a continuation from the previous action plan.`,
            },
          },
        },
        {
          number: 5,
          slug: "actieve-openbaarmaking-rijk",
          title: "Actieve openbaarmaking Rijk",
          holder: "Rijksprogramma Duurzaam Digitale Informatiehuishouding (RDDI)",
          partners: "Ministeries",
          summary:
            "Inwoners hebben steeds meer behoefte aan een open overheid. Daarom richt Rijksoverheid zich op het actief openbaar maken van documenten.",
          body: `Inwoners hebben steeds meer behoefte aan een open overheid. Daarom richt Rijksoverheid zich op het actief openbaar maken van documenten. Dit doen we op de verschillende manieren:

1. We maken onderliggende departementale nota’s van stukken voor de Kamer openbaar.
2. Met de aankomende Wet open overheid (Woo) moeten Rijksorganisaties bepaalde documenten openbaar maken.
3. Met een duidelijk plan verbeteren we het informatiemanagement en hebben we een duidelijke planning voor de uitvoering.`,
          contribution: `Met het Rijksprogramma Duurzaam Digitale Informatiehuishouding (RDDI) ondersteunen we ministeries bij het in praktijk brengen van actieve openbaarmaking. Ook delen we onze kennis en brengen we het onderwerp onder de aandacht van het management.`,
          translations: {
            en: {
              title: "Active disclosure by central government",
              holder: "Central Government Programme for Sustainable Digital Information Management (RDDI)",
              partners: "Ministries",
              summary:
                "Residents increasingly want an open government. That is why central government focuses on actively making documents public.",
              body: `Residents increasingly want an open government. That is why central government focuses on actively making documents public. We do this in different ways:

1. We make public the underlying departmental memos of documents for the House of Representatives.
2. Under the upcoming Open Government Act (Woo), central government organisations must make certain documents public.
3. With a clear plan, we improve information management and we have a clear schedule for the implementation.`,
              contribution: `With the Central Government Programme for Sustainable Digital Information Management (RDDI), we support ministries in putting active disclosure into practice. We also share our knowledge and bring the subject to the attention of management.`,
            },
          },
        },
      ],
    },
    {
      number: 3,
      slug: "open-communicatie",
      title: "Open Communicatie",
      description:
        "Dit thema gaat over duidelijke taal. De overheid wil teksten schrijven die iedereen begrijpt.",
      translations: {
        en: {
          title: "Open Communication",
          description: "This theme is about clear language. The government wants to write texts that everyone understands.",
        },
      },
      actionPoints: [
        {
          number: 6,
          slug: "direct-duidelijk-brigade",
          title: "Direct Duidelijk Brigade",
          holder: "Ministerie van BZK",
          partners:
            "Verschillende gemeenten, provincies, waterschappen, ministeries en met de Nederlandse Taalunie en ‘Lezen en Schrijven’",
          summary:
            "Ongeveer 60% van de inwoners begrijpt de taal van de overheid niet goed (genoeg). Hierdoor doen ze minder mee in de samenleving.",
          body: `Ongeveer 60% van de inwoners begrijpt de taal van de overheid niet goed (genoeg). Hierdoor doen ze minder mee in de samenleving. Ze kunnen bijvoorbeeld geen gebruik maken van bepaalde hulp waar ze wel recht op hebben. Of ze weten niet wat de overheid van ze verwacht. Het doel van de Direct Duidelijk Brigade is dan ook het taalgebruik binnen de overheid te verbeteren.`,
          contribution: `De Direct Duidelijk Brigade wil ambtenaren bewust maken van het belang van duidelijke communicatie én ze helpen bij duidelijke teksten schrijven die voor iedereen begrijpelijk zijn.

Met duidelijke communicatie zorgen we onder andere voor:

1. betere dienstverlening aan inwoners;
2. minder afstand tussen inwoners en de overheid;
3. meer vertrouwen van inwoners in de overheid.`,
          translations: {
            en: {
              title: "Direct Duidelijk Brigade",
              holder: "Ministry of the Interior and Kingdom Relations (BZK)",
              partners:
                "Various municipalities, provinces, water authorities and ministries, and the Nederlandse Taalunie and ‘Lezen en Schrijven’",
              summary:
                "About 60% of residents do not understand the language of the government well (enough). As a result, they take less part in society.",
              body: `About 60% of residents do not understand the language of the government well (enough). As a result, they take less part in society. For example, they cannot make use of certain help they are entitled to. Or they do not know what the government expects of them. The aim of the Direct Duidelijk Brigade is therefore to improve the use of language within the government.`,
              contribution: `The Direct Duidelijk Brigade wants to make civil servants aware of the importance of clear communication and help them write clear texts that everyone can understand.

With clear communication, we achieve, among other things:

1. better services to residents;
2. less distance between residents and the government;
3. more trust of residents in the government.`,
            },
          },
        },
      ],
    },
    {
      number: 4,
      slug: "open-organisatie",
      title: "Open Organisatie",
      description:
        "Dit thema gaat over openheid binnen de overheid zelf. Hoe kunnen ambtenaren veilig ideeën delen, en hoe leren zij om informatie uit zichzelf openbaar te maken?",
      translations: {
        en: {
          title: "Open Organisation",
          description:
            "This theme is about openness within the government itself. How can civil servants share ideas safely, and how do they learn to make information public on their own initiative?",
        },
      },
      actionPoints: [
        {
          number: 7,
          slug: "de-toekomst-van-beleidsintimiteit",
          title: "De toekomst van ‘Beleidsintimiteit’",
          holder: "Instituut voor Maatschappelijke Innovatie (IMI)",
          partners:
            "Ministerie van BZK, Ministerie van Algemene Zaken, verschillende andere ministeries en Open State Foundation (OSF)",
          summary:
            "Beleidsintimiteit gaat over de behoefte van medewerkers om ideeën en (voorlopige) meningen over beleid te kunnen delen in een veilige en vertrouwde omgeving. Vooral in de beginfase van beleidsvorming.",
          body: `Beleidsintimiteit gaat over de behoefte van medewerkers om ideeën en (voorlopige) meningen over beleid te kunnen delen in een veilige en vertrouwde omgeving. Vooral in de beginfase van beleidsvorming. Er bestaat spanning tussen ‘beleidsintimiteit’ en de behoefte van inwoners aan meer openheid over de argumenten en scenario’s van ambtenaren tijdens beleidsvorming.`,
          contribution: `Het Instituut voor Maatschappelijke Innovatie (IMI) werkt mee aan een manier om aan beide behoeften tegemoet te komen. Daarom organiseert IMI gesprekken tussen ambtenaren, Wob-experts, topambtenaren en vertegenwoordigers van het maatschappelijk middenveld. Deze gesprekken vormen de basis van een document met voorstellen voor oplossingen dat IMI maakt.`,
          translations: {
            en: {
              title: "The future of ‘Policy intimacy’",
              holder: "Instituut voor Maatschappelijke Innovatie (IMI)",
              partners:
                "Ministry of the Interior and Kingdom Relations (BZK), Ministry of General Affairs, various other ministries and Open State Foundation (OSF)",
              summary:
                "Policy intimacy is about the need of staff to be able to share ideas and (provisional) opinions about policy in a safe and trusted environment. Especially in the early stage of policymaking.",
              body: `Policy intimacy is about the need of staff to be able to share ideas and (provisional) opinions about policy in a safe and trusted environment. Especially in the early stage of policymaking. There is a tension between ‘policy intimacy’ and the need of residents for more openness about the arguments and scenarios of civil servants during policymaking.`,
              contribution: `The Instituut voor Maatschappelijke Innovatie (IMI) is helping to find a way to meet both needs. That is why IMI organises conversations between civil servants, Wob experts, senior civil servants and representatives of civil society. These conversations form the basis of a document with proposed solutions that IMI is drawing up.`,
            },
          },
        },
        {
          number: 8,
          slug: "investeren-in-vakmanschap",
          title: "Investeren in vakmanschap",
          holder: "Ministerie van Algemene Zaken (AZ) en de Voorlichtingsraad",
          partners: "",
          summary:
            "Met dit actiepunt willen we het ‘ambtelijk vakmanschap’ versterken op het gebied van actieve openbaarmaking (zie actiepunt 5). Dat betekent dat ambtenaren van elkaar leren hoe zij om kunnen gaan met het actief openbaar maken van informatie.",
          body: `Met dit actiepunt willen we het ‘ambtelijk vakmanschap’ versterken op het gebied van actieve openbaarmaking (zie actiepunt 5). Dat betekent dat ambtenaren van elkaar leren hoe zij om kunnen gaan met het actief openbaar maken van informatie.`,
          contribution: `Actief openbaar maken is in de eerste plaats mensenwerk. We vragen aandacht voor actieve openbaarmaking op belangrijke momenten. Zo stimuleren we een ontspannen houding als er dilemma’s zijn bij het omgaan met informatie. Geschikte momenten hiervoor zijn bijvoorbeeld:

1. het moment dat een nieuwe medewerker begint te werken;
2. de start van een nieuw project;
3. collegiale reflectiegesprekken.

Organisaties kunnen hun medewerkers hier ook enthousiast voor maken en mogelijkheden bieden om dit te leren. Bijvoorbeeld door de werkvormen en instrumenten te gebruiken die we met dit actiepunt ontwikkelen.`,
          translations: {
            en: {
              title: "Investing in professional craftsmanship",
              holder: "Ministry of General Affairs (AZ) and the Voorlichtingsraad",
              partners: "",
              summary:
                "With this action point, we want to strengthen ‘civil service craftsmanship’ in the field of active disclosure (see action point 5). This means that civil servants learn from each other how to deal with actively making information public.",
              body: `With this action point, we want to strengthen ‘civil service craftsmanship’ in the field of active disclosure (see action point 5). This means that civil servants learn from each other how to deal with actively making information public.`,
              contribution: `Actively making information public is first and foremost work done by people. We draw attention to active disclosure at important moments. In this way, we encourage a relaxed attitude when there are dilemmas in handling information. Suitable moments for this are, for example:

1. the moment a new employee starts working;
2. the start of a new project;
3. peer reflection meetings.

Organisations can also get their staff enthusiastic about this and offer them opportunities to learn it. For example, by using the working methods and tools that we develop with this action point.`,
            },
          },
        },
      ],
    },
    {
      number: 5,
      slug: "open-inkoop",
      title: "Open Inkoop",
      description:
        "Dit thema gaat over waar de overheid haar geld aan uitgeeft. Gegevens over opdrachten en contracten van de overheid moeten makkelijker te vinden en te gebruiken zijn.",
      translations: {
        en: {
          title: "Open Procurement",
          description:
            "This theme is about what the government spends its money on. Data about government contracts and tenders should be easier to find and to use.",
        },
      },
      actionPoints: [
        {
          number: 9,
          slug: "contract-register",
          title: "Contract Register",
          holder: "Ministerie van BZK",
          partners: "Chief Procurement Officer Rijk en Open State Foundation (OSF)",
          summary: "Het is belangrijk om te laten zien waar de overheid haar geld aan uitgeeft.",
          body: `Het is belangrijk om te laten zien waar de overheid haar geld aan uitgeeft. Dit is omdat openheid over overheidsopdrachten:

1. leidt tot efficiëntere overheidsuitgaven;
2. corruptie voorkomt;
3. elk bedrijf een eerlijke kans geeft om een overheidscontract binnen te halen.

Openheid over overheidsopdrachten werkt alleen goed als de overheid, bedrijven, journalisten en het maatschappelijk middenveld data opnieuw gebruiken. Op dit moment gebruiken we deze data nog niet optimaal. Nederland publiceert jaarlijks ongeveer 20.000 aanbestedingen en contracten op TenderNed.nl. Diverse andere inkoop gerelateerde datasets zijn te vinden op data.overheid.nl en het European Data Portal.`,
          contribution: `Hiermee zorgt het ministerie van BZK ervoor dat inkoopdata optimaal wordt benut. En we verbeteren de toegankelijkheid van Nederlandse inkoopdata. Samen met verschillende partijen ontwikkelen we een contract register waarin alle openbare data staan.`,
          translations: {
            en: {
              title: "Contract Register",
              holder: "Ministry of the Interior and Kingdom Relations (BZK)",
              partners: "Chief Procurement Officer of central government and Open State Foundation (OSF)",
              summary: "It is important to show what the government spends its money on.",
              body: `It is important to show what the government spends its money on. This is because openness about public contracts:

1. leads to more efficient government spending;
2. prevents corruption;
3. gives every company a fair chance to win a government contract.

Openness about public contracts only works well if the government, companies, journalists and civil society reuse the data. At the moment, we do not yet make optimal use of this data. Every year, the Netherlands publishes about 20,000 tenders and contracts on TenderNed.nl. Various other procurement-related datasets can be found on data.overheid.nl and the European Data Portal.`,
              contribution: `With this, the Ministry of BZK makes sure that procurement data is used optimally. And we improve the accessibility of Dutch procurement data. Together with various parties, we are developing a contract register that contains all public data.`,
            },
          },
        },
      ],
    },
    {
      number: 6,
      slug: "open-technologie",
      title: "Open Technologie",
      description:
        "Dit thema gaat over open data, open source software en algoritmen. De overheid wil dat anderen haar data en software kunnen hergebruiken, en zij wil beter toezicht op haar eigen gebruik van algoritmen.",
      translations: {
        en: {
          title: "Open Technology",
          description:
            "This theme is about open data, open source software and algorithms. The government wants others to be able to reuse its data and software, and it wants better oversight of its own use of algorithms.",
        },
      },
      actionPoints: [
        {
          number: 10,
          slug: "open-data-communities",
          title: "Open Data Communities",
          holder:
            "Ministerie van BZK, Kennis- en exploitatiecentrum Officiële Overheidspublicaties (KOOP) en data.overheid.nl",
          partners:
            "Organisaties die actief zijn in een van de vakgebieden van de data communities, zoals Dienst Uitvoering Onderwijs en het Geonovum",
          summary:
            "De overheid produceert veel data die andere organisaties opnieuw kunnen gebruiken. Met data communities kunnen we de vraag van organisaties koppelen aan het aanbod van de overheid.",
          body: `De overheid produceert veel data die andere organisaties opnieuw kunnen gebruiken. Met data communities kunnen we de vraag van organisaties koppelen aan het aanbod van de overheid. Een data community bestaat uit verschillende groepen, namelijk:

1. eigenaren van data;
2. personen/organisaties die de data van de overheid opnieuw gebruiken;
3. experts in een specifiek vakgebied.

In het buitenland maken ze al langer gebruik van deze succesvolle methode. Daarom ging Nederland in 2020 ook van start met data communities.`,
          contribution: `Vaak weten organisaties (nog) niet hoe zij data opnieuw kunnen gebruiken. Met deze communities krijgen organisaties toegang tot:

1. uitgebreide informatie;
2. specifieke en referentiedata;
3. applicaties;
4. de mogelijkheid om experts te bevragen;
5. voorbeelden van hergebruik van datasets.

Daarnaast komt er een weergave van de impact van overheidsdata en zorgen we voor een manier om de impact te meten. Hiermee stelt de overheid meer data van betere kwaliteit beschikbaar voor publiek gebruik.`,
          translations: {
            en: {
              title: "Open Data Communities",
              holder:
                "Ministry of the Interior and Kingdom Relations (BZK), Knowledge and Exploitation Centre for Official Government Publications (KOOP) and data.overheid.nl",
              partners:
                "Organisations that are active in one of the fields of the data communities, such as the Education Executive Agency (DUO) and Geonovum",
              summary:
                "The government produces a lot of data that other organisations can reuse. With data communities, we can match the demand of organisations with what the government has to offer.",
              body: `The government produces a lot of data that other organisations can reuse. With data communities, we can match the demand of organisations with what the government has to offer. A data community consists of different groups, namely:

1. owners of data;
2. people/organisations that reuse government data;
3. experts in a specific field.

Other countries have been using this successful method for some time. That is why the Netherlands also started with data communities in 2020.`,
              contribution: `Organisations often do not (yet) know how they can reuse data. With these communities, organisations get access to:

1. extensive information;
2. specific and reference data;
3. applications;
4. the opportunity to ask experts questions;
5. examples of the reuse of datasets.

In addition, there will be an overview of the impact of government data and we will provide a way to measure that impact. With this, the government makes more data of better quality available for public use.`,
            },
          },
        },
        {
          number: 11,
          slug: "open-source",
          title: "Open Source",
          holder: "Ministerie van BZK",
          partners:
            "Verschillende andere ministeries en overheidsorganisaties, ICTU, Foundation for Public Code, Open State Foundation, Code for NL, EMMA Communicatie",
          summary:
            "Het kabinet vindt dat software die met publieke middelen is ontwikkeld, zoveel mogelijk aan de samenleving moet worden teruggegeven.",
          body: `Het kabinet vindt dat software die met publieke middelen is ontwikkeld, zoveel mogelijk aan de samenleving moet worden teruggegeven. Dit levert namelijk de volgende voordelen op:

1. minder verspilling;
2. meer economische bedrijvigheid;
3. innovatie;
4. openheid, en;
5. informatieveiligheid.`,
          contribution: `Overheidsorganisaties hebben (nog) weinig praktijkervaring met vrijgeven van de broncode; de programmeertaal van een computerprogramma. Ook is het niet altijd duidelijk wat de kosten zijn van vrijgeven en of de voordelen daar tegenop wegen. Met verschillende activiteiten stimuleren we dat open source software beschikbaar wordt gesteld. Bijvoorbeeld door een Toolbox te maken met praktische informatie over het publiceren van code voor medewerkers. En door een community op te zetten om kennis te delen en onderzoek te doen naar goede voorbeelden van open source.`,
          translations: {
            en: {
              title: "Open Source",
              holder: "Ministry of the Interior and Kingdom Relations (BZK)",
              partners:
                "Various other ministries and government organisations, ICTU, Foundation for Public Code, Open State Foundation, Code for NL, EMMA Communicatie",
              summary:
                "The cabinet believes that software developed with public funds should be given back to society as much as possible.",
              body: `The cabinet believes that software developed with public funds should be given back to society as much as possible. This is because it brings the following benefits:

1. less waste;
2. more economic activity;
3. innovation;
4. openness, and;
5. information security.`,
              contribution: `Government organisations have (as yet) little practical experience with releasing source code; the programming language of a computer program. It is also not always clear what the costs of releasing it are and whether the benefits outweigh them. Through various activities, we encourage open source software to be made available. For example, by creating a Toolbox for staff with practical information about publishing code. And by setting up a community to share knowledge and to research good examples of open source.`,
            },
          },
        },
        {
          number: 12,
          slug: "open-algoritmen",
          title: "Open Algoritmen",
          holder: "Ministerie van BZK",
          partners: "Ministerie van Justitie en Veiligheid, Algemene Rekenkamer",
          summary:
            "De overheid baseert haar keuzes steeds meer op data en algoritmen, bijvoorbeeld bij beslissingen over beheer en beleid. Beslissingen op basis van algoritmen zijn nu niet open voor inwoners en bedrijven.",
          body: `De overheid baseert haar keuzes steeds meer op data en algoritmen, bijvoorbeeld bij beslissingen over beheer en beleid. Beslissingen op basis van algoritmen zijn nu niet open voor inwoners en bedrijven. Terwijl de gevolgen van het gebruik van deze algoritmen van grote invloed kan zijn op de samenleving.`,
          contribution: `Met dit actiepunt werkt het ministerie van BZK aan een beter toezicht op het gebruik van algoritmen door de overheid. Dit doen we onder andere met:

1. de ontwikkeling van een algoritme en mensenrechten impact assessment;
2. betere inkoopvoorwaarden voor algoritmen;
3. praktische handvatten voor de omgang met algoritmen, het inkopen van algoritmen en voor het inzichtelijk maken van algoritmen.

Met behulp daarvan kunnen overheden bewustere keuzes maken en opener zijn over hun handelen.`,
          translations: {
            en: {
              title: "Open Algorithms",
              holder: "Ministry of the Interior and Kingdom Relations (BZK)",
              partners: "Ministry of Justice and Security, Netherlands Court of Audit",
              summary:
                "The government increasingly bases its choices on data and algorithms, for example in decisions about management and policy. Decisions based on algorithms are currently not open to residents and businesses.",
              body: `The government increasingly bases its choices on data and algorithms, for example in decisions about management and policy. Decisions based on algorithms are currently not open to residents and businesses. Yet the consequences of using these algorithms can have a major impact on society.`,
              contribution: `With this action point, the Ministry of BZK is working on better oversight of the use of algorithms by the government. We do this with, among other things:

1. the development of an algorithm and human rights impact assessment;
2. better procurement conditions for algorithms;
3. practical guidance for dealing with algorithms, for procuring algorithms and for making algorithms transparent.

With the help of these, governments can make more conscious choices and be more open about their actions.`,
            },
          },
        },
      ],
    },
    {
      number: 7,
      slug: "open-recht",
      title: "Open Recht",
      description:
        "Dit thema gaat over klachten over de overheid. Als klachten als open data worden gepubliceerd, kan de overheid er beter van leren en klachten beter oplossen.",
      translations: {
        en: {
          title: "Open Justice",
          description:
            "This theme is about complaints about the government. When complaints are published as open data, the government can learn more from them and resolve complaints better.",
        },
      },
      actionPoints: [
        {
          number: 13,
          slug: "open-klachten",
          title: "Open Klachten",
          holder: "Open State Foundation (OSF)",
          partners:
            "Nationale en lokale ombudsmannen, gemeenten, VNG Realisatie, ministerie van BZK, Pathfinders for Justice en NYU-CIC",
          summary:
            "1 op de 5 mensen heeft problemen met de toegang tot de publieke dienstverlening. Van het aanvragen van een vergunning of uitkering tot de toegang tot onderwijs en de gezondheidszorg.",
          body: `1 op de 5 mensen heeft problemen met de toegang tot de publieke dienstverlening. Van het aanvragen van een vergunning of uitkering tot de toegang tot onderwijs en de gezondheidszorg. Het kinderopvangtoeslagschandaal en de 30.775 klachten bij de Nationale Ombudsman in 2019 bewijzen dat er in Nederland veel winst te behalen valt rondom de behandeling en oplossing van klachten.`,
          contribution: `Door klachten als open data te publiceren helpen we de overheid beter te begrijpen welke klachten mensen hebben. En hoe ze het beste kunnen worden opgelost. Daarnaast zijn er meer voordelen:

1. Het draagt bij aan het lerende vermogen van de overheid.
2. Overheden zijn in staat om meer geïnformeerd klachten te behandelen en maatregelen te nemen.
3. Journalisten, academici en belangengroepen kunnen hun rol als publieke waakhond beter vervullen. En ze kunnen zo bijdragen met hun analyses en voorstellen voor verbeteringen op basis van de openbaar beschikbare data.`,
          translations: {
            en: {
              title: "Open Complaints",
              holder: "Open State Foundation (OSF)",
              partners:
                "National and local ombudsmen, municipalities, VNG Realisatie, Ministry of the Interior and Kingdom Relations (BZK), Pathfinders for Justice and NYU-CIC",
              summary:
                "1 in 5 people have problems accessing public services. From applying for a permit or benefit to access to education and healthcare.",
              body: `1 in 5 people have problems accessing public services. From applying for a permit or benefit to access to education and healthcare. The childcare benefits scandal and the 30,775 complaints to the National Ombudsman in 2019 prove that there is a lot to be gained in the Netherlands in how complaints are handled and resolved.`,
              contribution: `By publishing complaints as open data, we help the government to better understand what complaints people have. And how they can best be resolved. There are also other benefits:

1. It contributes to the learning capacity of the government.
2. Governments are able to handle complaints and take measures in a more informed way.
3. Journalists, academics and interest groups can better fulfil their role as public watchdog. And in this way they can contribute with their analyses and proposals for improvements based on the publicly available data.`,
            },
          },
        },
      ],
    },
  ],
  updates: [
    {
      number: 1,
      title: "Update 1",
      publishedOn: "2021-04-14",
      body: "Voortgangsrapportage van 14 april 2021 over het hele actieplan, waarin de actiehouders vertellen hoe het staat met hun actiepunten.",
      translations: {
        en: {
          title: "Update 1",
          body: "Progress report of 14 April 2021 on the whole action plan, in which the action holders report on the state of their action points.",
        },
      },
    },
    {
      number: 2,
      title: "Update 2",
      publishedOn: "2021-07-05",
      body: "Voortgangsrapportage van 5 juli 2021 over het hele actieplan, waarin de actiehouders vertellen hoe het staat met hun actiepunten.",
      translations: {
        en: {
          title: "Update 2",
          body: "Progress report of 5 July 2021 on the whole action plan, in which the action holders report on the state of their action points.",
        },
      },
    },
    {
      number: 3,
      title: "Update 3",
      publishedOn: "2021-09-14",
      body: "Voortgangsrapportage van 14 september 2021 over het hele actieplan, waarin de actiehouders vertellen hoe het staat met hun actiepunten.",
      translations: {
        en: {
          title: "Update 3",
          body: "Progress report of 14 September 2021 on the whole action plan, in which the action holders report on the state of their action points.",
        },
      },
    },
    {
      number: 4,
      title: "Update 4",
      publishedOn: null,
      body: "De vierde voortgangsrapportage over het hele actieplan, waarin de actiehouders vertellen hoe het staat met hun actiepunten, wordt verwacht in november 2021.",
      translations: {
        en: {
          title: "Update 4",
          body: "The fourth progress report on the whole action plan, in which the action holders report on the state of their action points, is expected in November 2021.",
        },
      },
    },
  ],
};

export const draftingPlan: SeedPlan = {
  slug: "actieplan-open-overheid-2023-2025",
  title: "Actieplan Open Overheid 2023-2025",
  period: "2023-2025",
  status: "drafting",
  intro:
    "Het volgende Actieplan Open Overheid, voor 2023-2025, wordt op dit moment opgesteld. Iedereen kan ideeën voor dit actieplan voorstellen en de ideeën van anderen steunen.",
  about: `## Over dit actieplan

Het Actieplan Open Overheid 2023-2025 is het volgende Nederlandse Actieplan Open Overheid. Het actieplan wordt op dit moment opgesteld.

## Doe mee

Iedereen kan ideeën voorstellen voor het nieuwe actieplan. Je kunt ook de ideeën van anderen steunen.`,
  translations: {
    en: {
      title: "Open Government Action Plan 2023-2025",
      intro:
        "The next Open Government Action Plan, for 2023-2025, is currently being drafted. Everyone can propose ideas for this action plan and support other people’s ideas.",
      about: `## About this action plan

The Open Government Action Plan 2023-2025 is the next Dutch Open Government Action Plan. The action plan is currently being drafted.

## Take part

Everyone can propose ideas for the new action plan. You can also support other people’s ideas.`,
    },
  },
  themes: currentPlan.themes.map((theme) => ({
    number: theme.number,
    slug: `${theme.slug}-2023-2025`,
    title: theme.title,
    description: theme.description,
    translations: { en: { ...theme.translations.en } },
    actionPoints: [],
  })),
  updates: [],
};
