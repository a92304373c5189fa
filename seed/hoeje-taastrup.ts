/**
 * The Høje-Taastrup demo map: the municipality's strategic development plan "By i balance" for
 * Taastrupgaard, Gadehavegård and Charlottekvarteret, as plain data in the shape of
 * docs/data-model.md. Every fact cites its public source, or says it is illustrative.
 *
 * Every entity has a readable local key; its id is `seededId(mapId, key)`, so tests can name
 * `seededId(DEMO_MAP_ID, 'charlotteskolen-site')`. Fact keys are derived from their ends:
 * `commitment:<actor>:<target>:<role>`, `collaboration:<a>:<b>:<kind>`,
 * `membership:<actor>:<forum>`, `stance:<actor>:<target>`.
 *
 * Gaps this data keeps on purpose, exactly (asOf 2026-11-28, both horizons 365 days). They are the
 * case's real open questions or labelled illustrations; do not "fix" them by linking everyone.
 * Keys are the local keys below; `a`–`b` is an uncoordinated pair.
 * - unowned_initiative (medium, both status idea): `charlotteskolen-site` (only proposed owners:
 *   `by-miljoe` and `isc` each propose to lead; `naerheden` withdrew) and `billige-boliger` (none).
 * - uncoordinated_partners, high: `charlotteskolen-site` 2 of 3 pairs (`by-miljoe`–`isc`,
 *   `isc`–`vibo`); `campus-akse` 7 of 10 (`by-miljoe`–`htg`, `by-miljoe`–`pension`, `htg`–`htc`,
 *   `htg`–`pension`, `ti`–`htc`, `ti`–`pension`, `htc`–`pension`).
 * - uncoordinated_partners, medium: `kvarterhus` 7 of 15 (`isc` and `linje10` are linked with
 *   neither `realdania`, `dfb` nor `by-miljoe`; also `kommune`–`linje10`); `tg-boligsocial-2025`
 *   4 of 21 (`lbf` with `tg-boligsocial-team`, `uu`, `nydansker`, `tg-afdbest`);
 *   `selsmosekvarteret` 2 of 6 (`core`–`akb`, `core`–`kommune`); `gh-fysisk` 1 of 10
 *   (`arkitema`–`lbf`); `gh-genhusning` 1 of 3 (`domea-genhusning`–`kommune`); `tg-renovering`
 *   1 of 3 (`kab`–`lbf`); `lommepengejob` 1 of 6 (`lokale-butikker`–`gh-boligsocial`).
 * - unfunded_initiative, medium: `lommepengejob` (budget 1,200,000, agreed funding 600,000).
 * - goal_without_initiative, medium: `g-effekt` and `g-forankring`: the slides ask for them, but
 *   prioritising and long-term anchoring are left to the plan itself. (`g-billige-boliger` IS
 *   advanced: `billige-boliger` is only an idea, but an idea is live.)
 * - missing_resident_voice, high: plan `p-strategisk`; initiatives `selsmosekvarteret`,
 *   `campus-akse`, `charlotteskolen-site`, `kroppedal-lokalhistorie`.
 * - missing_political_backing, medium: `kroppedal-lokalhistorie`, `lommepengejob`,
 *   `billige-boliger`: they sit directly under `p-strategisk`, which has no political stance
 *   (the area plans do: `byraadet` supports two, `borgmester` champions `p-charlottekvarteret`).
 * - powerful_opposition, medium: `gh-genhusning` (`gh-afdbest`, influence 4, sceptical) and
 *   `charlotteskolen-site` (`isu`, influence 4, sceptical). `tg-afdbest` (influence 3) is also
 *   sceptical of `tg-nedrivning`, below the threshold.
 * - expiring_commitment, medium: `nydansker` contributor to `tg-boligsocial-2025`, to 2027-06-30.
 * - isolated_actor, medium: `pension`, `vandkunsten` (proposed commitments to live work, no
 *   links); low: `naerheden`, `charlotteskolen`, `haandvaerkere`, `ck-boligsocial-team`,
 *   `team-niels-bjoern`, `hedeselskabet`, `eu-desire`, `kadk` (all their links have ended).
 * - single_point_of_failure: `vibo` (cuts off `ca135-afdbest`, `ca121-afdbest`, `vibo-orgbest`),
 *   `domea` (`domea-genhusning`; `charlottegaarden-afdbest` with `hif`), `lbf` (`sbst` with
 *   `sbm`; `aau-build`), `by-miljoe` (`htc`; `ti` with `htg`), `bkh` (`kulturskoler` with
 *   `teater`), `tg-boligsocial-team` (`kroppedal` with `slks`), `isc` (`hedehusene-skole`;
 *   `linje10`), `ca135-afdbest` (`ca121-afdbest`; `vibo-orgbest`).
 * - stale_fact, low: commitments `kommune`→`p-charlottekvarteret` (verified 2025-02-10) and
 *   `dfb`→`tryghedsaftale` (2024-11-05); membership `politi`→`f-tryghed` (2025-01-20). The
 *   collaboration `bl`–`akb` (2025-12-01) turns stale on 2026-12-01.
 * - The municipal departments are deliberately not all coordinated: `by-miljoe` and `isc` share
 *   no collaboration or forum, nor do `isc` and `jobcenter` (PART_OF is not coordination).
 * Absent on purpose: contested_ownership (joint owners of `p-taastrupgaard` and `tryghedsaftale`
 * work together), unanchored_plan, dependency_without_alliance (owners of dependent work are
 * linked) and blocked_dependency (nothing is paused or cancelled).
 */
import type {
  ActionStatus,
  ActorCreate,
  CollaborationKind,
  CommitmentRole,
  CommitmentStatus,
  DecisionOutcome,
  ForumKind,
  FundingType,
  MapBundle,
  MeetingKind,
  MeetingStatus,
  MembershipRole,
  Sector,
  Sentiment,
  Source,
  StancePosition,
  Status,
} from '../graph-schema/index.ts';
import { DEMO_MAP_ID, seededId } from './ids.ts';

// ---------------------------------------------------------------------------------------------
// Sources

function pub(url: string, note?: string): Source {
  return note ? { kind: 'public', url, note } : { kind: 'public', url };
}

/** A plausible but unverified detail; the note says what is invented (and the url what is not). */
function ill(note: string, url?: string): Source {
  return url ? { kind: 'illustrative', url, note } : { kind: 'illustrative', note };
}

const URL = {
  strategicPlan:
    'https://nielsbjorn.dk/vundet-udbud-strategisk-udviklingsplan-tre-udsatte-omr%C3%A5der-i-h%C3%B8je-taastrup',
  strategicPlanNews:
    'https://building-supply.dk/article/view/544505/nu_far_hojetaastrup_en_ny_udviklingsplan',
  tgPlan: 'https://taastrupgaard.com/fremtidens-taastrupgaard/udviklingsplan',
  tgDemolition:
    'https://dagensbolignyt.dk/hovedstaden/hoje-taastrup/nedrivninger-og-nye-private-boliger-i-taastrupgaard-i-hoeje-taastrup/48/',
  tgTeam: 'https://taastrupgaard.com/Ny/det-bolig-sociale-team/',
  bkh: 'https://fremtidensskole.htk.dk/om-fremtidens-skole/boerne-og-kulturhus',
  selsmose:
    'https://building-supply.dk/article/view/1085379/ejendomsudvikler_er_pa_vej_med_ny_bydel',
  ghPlan: 'https://gadehavegaard.dk/udviklingsplanen/',
  ghVote:
    'https://domea.dk/nyheder-og-presse/nyheder/2022/2/beboerne-stemte-ja-snart-kan-forandring-af-gadehavegaard-gaa-i-gang/',
  desire: 'https://irresistiblecircularsociety.eu/gadehavegaard-h%C3%B8je-taastrup-denmark',
  kvarterhus:
    'https://sn.dk/Taastrup/Kvarterhus-skal-kickstarte-udviklingen-i-boligomraade/artikel/1374818',
  ckEffect:
    'https://boligsocialnet.dk/aktuelt/2018/4/haard-og-bloed-byudvikling-skaber-tilsammen-effekt-i-charlottekvarteret/',
  ckSchools: 'https://sn.dk/Taastrup/Ny-plan-laegger-op-til-nedrivning-af-skoler/artikel/921752',
  ckAgreement:
    'https://sn.dk/Taastrup/Aftale-indgaaet-Kan-foere-til-nye-boliger-paa-groenne-omraader/artikel/1454830',
  vibo135: 'https://vibo.dk/beboer-i-vibo/afdelinger/afd-135-charlotteager-ii/fysisk-helhedsplan/',
  lbf: 'https://lbf.dk/boligsociale-indsatser/organisation-og-oekonomiske-rammer/',
  kroppedal: 'https://kroppedal.dk/om-nyere-tid/forskning-og-projekter/almene-boliger/',
} as const;

const S = {
  strategicPlan: pub(URL.strategicPlan),
  strategicPlanNews: pub(URL.strategicPlanNews),
  tgPlan: pub(URL.tgPlan),
  tgDemolition: pub(URL.tgDemolition),
  tgTeam: pub(URL.tgTeam),
  bkh: pub(URL.bkh),
  selsmose: pub(URL.selsmose),
  ghPlan: pub(URL.ghPlan),
  ghVote: pub(URL.ghVote),
  desire: pub(URL.desire),
  kvarterhus: pub(URL.kvarterhus),
  ckEffect: pub(URL.ckEffect),
  ckSchools: pub(URL.ckSchools),
  ckAgreement: pub(URL.ckAgreement),
  vibo135: pub(URL.vibo135),
  lbf: pub(URL.lbf),
  kroppedal: pub(URL.kroppedal),
};

/** Most facts were last checked this autumn; the few stale ones say so explicitly. */
const VERIFIED = '2026-10-20';

// ---------------------------------------------------------------------------------------------
// Areas and goals

type AreaKey = 'taastrupgaard' | 'gadehavegaard' | 'charlottekvarteret';
const ALL_AREAS: AreaKey[] = ['taastrupgaard', 'gadehavegaard', 'charlottekvarteret'];

const AREAS: { key: AreaKey; name: string; description: string }[] = [
  {
    key: 'taastrupgaard',
    name: 'Taastrupgaard',
    description:
      'Almen bebyggelse i Taastrup ejet af Boligselskabet AKB, Taastrup og administreret af KAB; ' +
      'tre afdelinger, 917 familieboliger før planen og ca. 1.600 beboere. På regeringens liste ' +
      'fire år i træk til 2018, "hård ghetto" i 2018, nu omdannelsesområde.',
  },
  {
    key: 'gadehavegaard',
    name: 'Gadehavegård',
    description:
      'Almen bebyggelse i Høje Taastrup ejet af DFB og administreret af Domea.dk; 986 boliger og ' +
      'ca. 2.300 beboere. På listen over hårde ghettoer i 2018, af listerne fra december 2020, ' +
      'men stadig bundet af sin udviklingsplan.',
  },
  {
    key: 'charlottekvarteret',
    name: 'Charlottekvarteret',
    description:
      'Kvarter i Hedehusene med Charlottegården (DFB/Domea) og Charlotteager afd. 121 og 135 ' +
      '(VIBO); ca. 800 boliger. På listerne til 2019; ikke omfattet af 40 %-reglen.',
  },
];

const WELFARE = 'Velfærdsforandring';
const COMPLEXITY = 'Høj kompleksitet';
const PARTIES = 'Mange parter';

const GOALS: { key: string; title: string; theme: string; description: string }[] = [
  {
    key: 'g-tvaersektor',
    title: 'Modernisere kernevelfærd gennem tværsektorielt samarbejde',
    theme: WELFARE,
    description: 'Kommunens kerneydelser fornyes sammen med boligorganisationer og civilsamfund.',
  },
  {
    key: 'g-jobs',
    title: 'Beboerne får job gennem erhvervs- og byudvikling',
    theme: WELFARE,
    description: 'Beboerne i de tre områder skal have gavn af erhvervs- og byudviklingen.',
  },
  {
    key: 'g-skole',
    title: 'Skoleindsatser, der løfter social blanding, lokalliv og sammenhængskraft',
    theme: WELFARE,
    description: 'Skolerne bruges til at skabe blanding, lokalt liv og sammenhæng i kvartererne.',
  },
  {
    key: 'g-saarbare',
    title: 'Kommunen kan fortsat boligplacere udsatte borgere',
    theme: WELFARE,
    description: 'Omdannelsen må ikke fjerne de boliger, kommunen bruger til udsatte borgere.',
  },
  {
    key: 'g-samspil',
    title: 'Tre omdannelsesplaner samlet i én plan, der spiller sammen',
    theme: COMPLEXITY,
    description:
      'Én plan rummer tre igangværende omdannelser og regionale og samfundsmæssige skift.',
  },
  {
    key: 'g-effekt',
    title: 'Prioritere de indsatser, der har størst effekt',
    theme: COMPLEXITY,
    description:
      'Over år med økonomiske og politiske skift skal kræfterne bruges, hvor de virker mest.',
  },
  {
    key: 'g-billige-boliger',
    title: 'Billige, fremtidssikrede boliger inden for lovens rammer',
    theme: COMPLEXITY,
    description:
      'Åbent spørgsmål i planen: hvordan bygges billigt og fremtidssikret inden for loven?',
  },
  {
    key: 'g-vision',
    title: 'En vision, som beboerne forstår og synes om',
    theme: PARTIES,
    description: 'Én retning for mange interesser, som beboerne kan genkende sig selv i.',
  },
  {
    key: 'g-opbakning',
    title: 'Økonomisk og politisk opbakning ud over kommune og boligorganisationer',
    theme: PARTIES,
    description: 'Erhvervsliv, investorer og fonde skal bære planen med.',
  },
  {
    key: 'g-forankring',
    title: 'Organisatorisk forankring, der holder planen over tid',
    theme: PARTIES,
    description: 'Hvilke alliancer skal dannes, og hvem orkestrerer dem over mange år?',
  },
];

// ---------------------------------------------------------------------------------------------
// Plans and initiatives

interface TargetSpec {
  key: string;
  title: string;
  status: Status;
  description: string;
  startDate?: string;
  endDate?: string;
  budget?: number;
  areas?: AreaKey[];
  source: Source;
}

interface PlanSpec extends TargetSpec {
  parent?: string;
}

interface InitiativeSpec extends TargetSpec {
  plan: string;
  priority: number;
  effect: number;
  goals: string[];
  dependsOn?: string[];
}

const PLANS: PlanSpec[] = [
  {
    key: 'p-strategisk',
    title: 'By i balance – strategisk udviklingsplan for de tre boligområder',
    status: 'active',
    description:
      'Kommunens fælles plan med AKB, DFB og VIBO for Taastrupgaard, Gadehavegård og ' +
      'Charlottekvarteret; udarbejdet 2017–18 af Team Niels Bjørn med medfinansiering fra ' +
      'Realdania.',
    startDate: '2017-03-01',
    endDate: '2030-12-31',
    areas: ALL_AREAS,
    source: S.strategicPlan,
  },
  {
    key: 'p-taastrupgaard',
    title: 'Udviklingsplan for Taastrupgaard',
    status: 'active',
    description:
      'AKB/KAB med kommunen: familieboliger fra 917 til 574, 295 boliger revet ned (188 til ' +
      'Børne- og Kulturhuset), 40 ældreboliger, 250 private boliger ved Selsmosen, et kvarterhus ' +
      'og renovering af 567 boliger med Landsbyggefonden.',
    startDate: '2018-06-01',
    endDate: '2030-12-31',
    areas: ['taastrupgaard'],
    parent: 'p-strategisk',
    source: S.tgPlan,
  },
  {
    key: 'p-gadehavegaard',
    title: 'Udviklingsplan for Gadehavegård',
    status: 'active',
    description:
      'Udviklingsplan fra 2019 og fysisk helhedsplan godkendt af beboerne i 2022: 260 boliger ' +
      'revet ned, 75 solgt, 100 private ejerboliger, 54 seniorboliger og 105 ungdomsboliger; tre ' +
      'etaper frem til 2030.',
    startDate: '2019-01-01',
    endDate: '2030-12-31',
    areas: ['gadehavegaard'],
    parent: 'p-strategisk',
    source: S.ghPlan,
  },
  {
    key: 'p-charlottekvarteret',
    title: 'Udviklingsplan for Charlottekvarteret',
    status: 'active',
    description:
      'Hård og blød byudvikling i Hedehusene: udearealer, tryghed, nye boliger og spørgsmålet om ' +
      'Charlotteskolens grund.',
    startDate: '2018-04-01',
    endDate: '2030-12-31',
    areas: ['charlottekvarteret'],
    parent: 'p-strategisk',
    source: S.ckEffect,
  },
];

const INITIATIVES: InitiativeSpec[] = [
  // Taastrupgaard
  {
    key: 'tg-genhusning',
    title: 'Genhusning af familier fra Taastrupgaard',
    status: 'active',
    description: 'KAB genhuser familierne fra de blokke, der rives ned, før nedrivningen.',
    startDate: '2019-01-01',
    endDate: '2027-12-31',
    areas: ['taastrupgaard'],
    plan: 'p-taastrupgaard',
    priority: 5,
    effect: 3,
    goals: ['g-saarbare'],
    source: S.tgDemolition,
  },
  {
    key: 'tg-nedrivning',
    title: 'Nedrivning af 295 familieboliger i Taastrupgaard',
    status: 'active',
    description:
      '295 familieboliger rives ned; 188 af dem gav plads til Børne- og Kulturhuset, resten til ' +
      'Selsmosekvarteret. Slutdatoen er et skøn.',
    startDate: '2019-06-01',
    endDate: '2027-06-30',
    areas: ['taastrupgaard'],
    plan: 'p-taastrupgaard',
    priority: 5,
    effect: 4,
    goals: ['g-samspil'],
    dependsOn: ['tg-genhusning'],
    source: S.tgDemolition,
  },
  {
    key: 'tg-renovering',
    title: 'Renovering af 567 boliger og 40 nye ældreboliger i Taastrupgaard',
    status: 'active',
    description: 'Helhedsplan med støtte fra Landsbyggefonden. Datoerne er et skøn.',
    startDate: '2020-01-01',
    endDate: '2028-12-31',
    areas: ['taastrupgaard'],
    plan: 'p-taastrupgaard',
    priority: 4,
    effect: 4,
    goals: ['g-samspil', 'g-saarbare'],
    source: S.tgPlan,
  },
  {
    key: 'boerne-kulturhus',
    title: 'Børne- og Kulturhus i Taastrupgaard',
    status: 'completed',
    description:
      '9.000 m² åbnet i 2023 med Ole Rømer Skolen (0.–6. klasse) og kommunens musik-, billed- og ' +
      'dramaskoler.',
    startDate: '2020-06-01',
    endDate: '2023-08-31',
    areas: ['taastrupgaard'],
    plan: 'p-taastrupgaard',
    priority: 5,
    effect: 5,
    goals: ['g-skole', 'g-tvaersektor'],
    source: S.bkh,
  },
  {
    key: 'selsmosekvarteret',
    title: 'Selsmosekvarteret: 275 private boliger',
    status: 'active',
    description:
      'Svanen Gruppen bygger 275 boliger frem mod 2027 på AKB-grund; CORE Bolig sælger og udlejer.',
    startDate: '2021-01-01',
    endDate: '2027-12-31',
    areas: ['taastrupgaard'],
    plan: 'p-taastrupgaard',
    priority: 4,
    effect: 4,
    goals: ['g-samspil', 'g-opbakning'],
    dependsOn: ['tg-nedrivning'],
    source: S.selsmose,
  },
  {
    key: 'tg-boligsocial-2021',
    title: 'Boligsocial helhedsplan for Taastrupgaard 2021–2024',
    status: 'completed',
    description:
      'Finansieret af Landsbyggefonden med mindst 25 % lokal medfinansiering; partnere bl.a. UU ' +
      'og Foreningen Nydansker.',
    startDate: '2021-01-01',
    endDate: '2024-12-31',
    areas: ['taastrupgaard'],
    plan: 'p-taastrupgaard',
    priority: 4,
    effect: 4,
    goals: ['g-jobs', 'g-skole', 'g-tvaersektor'],
    source: S.tgTeam,
  },
  {
    key: 'tg-boligsocial-2025',
    title: 'Boligsocial helhedsplan for Taastrupgaard 2025–2028',
    status: 'active',
    description:
      'Opfølgning på planen 2021–24 med samme boligsociale team; periode og budget er antaget.',
    startDate: '2025-01-01',
    endDate: '2028-12-31',
    budget: 18_000_000,
    areas: ['taastrupgaard'],
    plan: 'p-taastrupgaard',
    priority: 4,
    effect: 4,
    goals: ['g-jobs', 'g-tvaersektor', 'g-vision'],
    source: ill('En opfølgende helhedsplan efter 2024 er antaget; rammerne er LBFs', URL.lbf),
  },
  // Gadehavegård
  {
    key: 'gh-genhusning',
    title: 'Genhusning i Gadehavegård',
    status: 'active',
    description:
      'Domeas genhusningskontor flytter beboere fra blokke, der rives ned eller ombygges.',
    startDate: '2022-03-01',
    endDate: '2030-12-31',
    areas: ['gadehavegaard'],
    plan: 'p-gadehavegaard',
    priority: 5,
    effect: 3,
    goals: ['g-saarbare'],
    source: S.ghPlan,
  },
  {
    key: 'gh-fysisk',
    title: 'Fysisk helhedsplan for Gadehavegård',
    status: 'active',
    description:
      'Ca. 850 mio. kr., tegnet af Arkitema, vedtaget af beboerne i 2022; tre etaper til 2030.',
    startDate: '2022-03-01',
    endDate: '2030-12-31',
    budget: 850_000_000,
    areas: ['gadehavegaard'],
    plan: 'p-gadehavegaard',
    priority: 5,
    effect: 5,
    goals: ['g-samspil', 'g-vision'],
    dependsOn: ['gh-genhusning'],
    source: S.ghVote,
  },
  {
    key: 'kvarterhus',
    title: 'Kvarterhus i Gadehavegård',
    status: 'planned',
    description:
      'Realdania giver 15 mio. kr.; kommunen og DFB medfinansierer. Huset skal rumme Linje 10 og ' +
      'aftenskole. Samlet budget og tidsplan er illustrative.',
    startDate: '2025-01-01',
    endDate: '2028-12-31',
    budget: 40_000_000,
    areas: ['gadehavegaard'],
    plan: 'p-gadehavegaard',
    priority: 4,
    effect: 4,
    goals: ['g-tvaersektor', 'g-skole', 'g-jobs', 'g-opbakning'],
    dependsOn: ['gh-fysisk'],
    source: S.kvarterhus,
  },
  {
    key: 'desire',
    title: 'DESIRE: cirkulært byggeri og biodiversitet i Gadehavegård',
    status: 'completed',
    description: 'EU New European Bauhaus-projekt med Domea. Slutdatoen er et skøn.',
    startDate: '2022-01-01',
    endDate: '2024-06-30',
    areas: ['gadehavegaard'],
    plan: 'p-gadehavegaard',
    priority: 2,
    effect: 2,
    goals: ['g-billige-boliger', 'g-vision'],
    source: S.desire,
  },
  {
    key: 'arkitektskole',
    title: 'Studiesamarbejde med Arkitektskolen om Gadehavegård',
    status: 'completed',
    description: 'Studerende fra Det Kongelige Akademi arbejdede med området 2020–22.',
    startDate: '2020-09-01',
    endDate: '2022-06-30',
    areas: ['gadehavegaard'],
    plan: 'p-gadehavegaard',
    priority: 2,
    effect: 2,
    goals: ['g-vision'],
    source: ill('Samarbejdet 2020–22 er kendt; at det handlede om Gadehavegård er antaget'),
  },
  // Charlottekvarteret
  {
    key: 'charlotteskolen-site',
    title: 'Udvikling af Charlotteskolens grund',
    status: 'idea',
    description:
      'Charlotteskolen er lukket; en plan foreslog delvis nedrivning af Charlotteskolen og ' +
      'Hedehusene Skole til boliger. Hvem der ejer udviklingen af grunden, er ikke afklaret.',
    areas: ['charlottekvarteret'],
    plan: 'p-charlottekvarteret',
    priority: 4,
    effect: 4,
    goals: ['g-skole', 'g-samspil', 'g-billige-boliger'],
    source: S.ckSchools,
  },
  {
    key: 'tryghedsaftale',
    title: 'Tryghedsaftale for Charlottekvarteret',
    status: 'active',
    description:
      'Aftale fra 2021 mellem kommunen, DFB og VIBO: nye boliger og salg uden tvangsflytning.',
    startDate: '2021-06-01',
    areas: ['charlottekvarteret'],
    plan: 'p-charlottekvarteret',
    priority: 4,
    effect: 3,
    goals: ['g-saarbare', 'g-samspil'],
    source: S.ckAgreement,
  },
  {
    key: 'raaderum',
    title: 'Råderum: udearealer og skolegård i Charlottekvarteret',
    status: 'completed',
    description: 'Nye udearealer og skolegård 2015–17 med kommunen, Domea og VIBO.',
    startDate: '2015-01-01',
    endDate: '2017-12-31',
    areas: ['charlottekvarteret'],
    plan: 'p-charlottekvarteret',
    priority: 3,
    effect: 3,
    goals: ['g-skole', 'g-vision'],
    source: S.ckEffect,
  },
  {
    key: 'vibo-135',
    title: 'Fysisk helhedsplan for VIBO afd. 135 Charlotteager II',
    status: 'active',
    description: '16 tilgængelige boliger og solceller; i gang fra 2025. Slutdatoen er et skøn.',
    startDate: '2025-01-01',
    endDate: '2028-12-31',
    areas: ['charlottekvarteret'],
    plan: 'p-charlottekvarteret',
    priority: 3,
    effect: 3,
    goals: ['g-samspil', 'g-billige-boliger'],
    source: S.vibo135,
  },
  {
    key: 'ck-boligsocial-plan',
    title: 'Boligsocial helhedsplan i Charlottekvarteret',
    status: 'completed',
    description: 'Den tidligere boligsociale indsats i kvarteret. Periode og ejer er illustrative.',
    startDate: '2015-01-01',
    endDate: '2019-12-31',
    areas: ['charlottekvarteret'],
    plan: 'p-charlottekvarteret',
    priority: 3,
    effect: 4,
    goals: ['g-vision', 'g-tvaersektor'],
    source: ill('Indsatsen er omtalt i kilden; periode og ejer er antaget', URL.ckEffect),
  },
  // Across the three areas, directly under the strategic plan
  {
    key: 'campus-akse',
    title: 'Campus- og vidensakse fra Høje Taastrup Station til Teknologisk Institut',
    status: 'planned',
    description: 'Forbinder station, gymnasium og Teknologisk Institut forbi Gadehavegård.',
    startDate: '2024-01-01',
    endDate: '2035-12-31',
    areas: ['gadehavegaard'],
    plan: 'p-strategisk',
    priority: 3,
    effect: 4,
    goals: ['g-jobs', 'g-opbakning'],
    source: S.strategicPlanNews,
  },
  {
    key: 'kroppedal-lokalhistorie',
    title: 'Lokalhistorie om de almene boligområder med Kroppedal Museum',
    status: 'active',
    description:
      'Museet og det boligsociale team samler beboernes historier om efterkrigsbyggeriet.',
    startDate: '2023-01-01',
    endDate: '2027-12-31',
    areas: ['taastrupgaard', 'charlottekvarteret'],
    plan: 'p-strategisk',
    priority: 2,
    effect: 2,
    goals: ['g-vision'],
    source: ill('Samarbejdet er en plausibel illustration ud fra museets forskning', URL.kroppedal),
  },
  {
    key: 'lommepengejob',
    title: 'Lommepengejob og jobpartnerskaber med lokale virksomheder',
    status: 'active',
    description: 'Unge fra områderne får lommepengejob i lokale butikker og virksomheder.',
    startDate: '2024-01-01',
    endDate: '2027-12-31',
    budget: 1_200_000,
    areas: ['taastrupgaard', 'gadehavegaard'],
    plan: 'p-strategisk',
    priority: 3,
    effect: 3,
    goals: ['g-jobs'],
    source: ill('Plausibel indsats; ejer, budget og perioden er antaget'),
  },
  {
    key: 'billige-boliger',
    title: 'Billige, fremtidssikrede erstatningsboliger',
    status: 'idea',
    description: 'Almene erstatningsboliger til lav husleje, bygget inden for lovens rammer.',
    plan: 'p-strategisk',
    priority: 3,
    effect: 4,
    goals: ['g-billige-boliger', 'g-saarbare'],
    source: ill('Åbent spørgsmål fra kommunens oplæg; indsatsen er en illustration'),
  },
];

// ---------------------------------------------------------------------------------------------
// Actors

interface ActorSpec {
  key: string;
  sector: Sector;
  influence: number;
  interest: number;
  name: string;
  type: string;
  description: string;
  tags: string[];
  areas?: AreaKey[];
  parent?: string;
  source: Source;
}

/** `[influence, interest]` up front, so the scale of each actor reads at a glance. */
function actor(
  key: string,
  sector: Sector,
  [influence, interest]: [number, number],
  details: Omit<ActorSpec, 'key' | 'sector' | 'influence' | 'interest'>,
): ActorSpec {
  return { key, sector, influence, interest, ...details };
}

const TG: AreaKey[] = ['taastrupgaard'];
const GH: AreaKey[] = ['gadehavegaard'];
const CK: AreaKey[] = ['charlottekvarteret'];

const ACTORS: ActorSpec[] = [
  // State and other national bodies
  actor('sbm', 'state', [5, 3], {
    name: 'Social- og Boligministeriet',
    type: 'Ministerium',
    description: 'Offentliggør listerne over udsatte boligområder og godkender udviklingsplaner.',
    tags: ['lister', 'godkendelse'],
    source: S.tgDemolition,
  }),
  actor('sbst', 'state', [4, 3], {
    name: 'Social- og Boligstyrelsen',
    type: 'Styrelse',
    description: 'Styrelse under ministeriet; tilsyn med den almene sektor.',
    tags: ['tilsyn'],
    parent: 'sbm',
    source: S.lbf,
  }),
  actor('lbf', 'state', [5, 4], {
    name: 'Landsbyggefonden',
    type: 'Den almene sektors fond',
    description: 'Finansierer renoveringer og boligsociale helhedsplaner.',
    tags: ['finansiering', 'helhedsplan'],
    source: S.lbf,
  }),
  actor('slks', 'state', [2, 2], {
    name: 'Slots- og Kulturstyrelsen',
    type: 'Styrelse',
    description: 'Tilsyn med og tilskud til statsanerkendte museer som Kroppedal.',
    tags: ['museer'],
    source: ill('Rollen over for Kroppedal er generel; ingen kilde om planen', URL.kroppedal),
  }),
  actor('politi', 'state', [4, 4], {
    name: 'Københavns Vestegns Politi',
    type: 'Politikreds',
    description: 'Tryghedsarbejde i boligområderne, især i Gadehavegård.',
    tags: ['tryghed'],
    areas: ALL_AREAS,
    source: S.ghPlan,
  }),
  // The one actor outside the fixed sectors: a European project consortium.
  actor('eu-desire', 'other', [2, 3], {
    name: 'EU DESIRE-konsortiet',
    type: 'EU-projektkonsortium (New European Bauhaus)',
    description: 'Europæisk konsortium bag DESIRE, med Gadehavegård som en af casene.',
    tags: ['EU', 'cirkulært byggeri'],
    areas: GH,
    source: S.desire,
  }),
  // Foundations
  actor('realdania', 'foundation', [4, 4], {
    name: 'Realdania',
    type: 'Filantropisk forening',
    description: 'Medfinansierede den strategiske plan og giver 15 mio. kr. til Kvarterhuset.',
    tags: ['fond', 'partnerskab'],
    source: S.strategicPlan,
  }),
  actor('realdania-by', 'foundation', [3, 2], {
    name: 'Realdania By & Byg',
    type: 'Datterselskab (byudvikling)',
    description: 'Realdanias byudviklingsselskab; mulig investor uden konkret rolle i planen.',
    tags: ['investor'],
    parent: 'realdania',
    source: ill('Med som mulig investor; ingen rolle i planen er offentliggjort'),
  }),
  // Civil society
  actor('bl', 'civil_society', [3, 3], {
    name: 'BL – Danmarks Almene Boliger',
    type: 'Interesseorganisation',
    description: 'Brancheorganisation for de almene boligorganisationer.',
    tags: ['almen sektor'],
    source: ill('Med i kortet som de almene boligorganisationers organisation; ingen lokal kilde'),
  }),
  actor('nydansker', 'civil_society', [2, 3], {
    name: 'Foreningen Nydansker',
    type: 'Forening',
    description: 'Partner i den boligsociale helhedsplan i Taastrupgaard (job og uddannelse).',
    tags: ['job', 'integration'],
    areas: TG,
    source: S.tgTeam,
  }),
  actor('hif', 'civil_society', [2, 3], {
    name: 'Hedehusene Idrætsforening',
    type: 'Idrætsforening',
    description: 'Lokal idrætsforening med aktiviteter i Charlottekvarteret.',
    tags: ['fritid'],
    areas: CK,
    source: S.ckEffect,
  }),
  actor('hedeselskabet', 'civil_society', [2, 2], {
    name: 'Hedeselskabet',
    type: 'Erhvervsdrivende fond',
    description: 'Bidrog til udearealerne i Råderum-projektet.',
    tags: ['udearealer'],
    areas: CK,
    source: ill('Rollen i Råderum er en plausibel illustration', URL.ckEffect),
  }),
  // Political bodies; office holders by office only
  actor('byraadet', 'political', [5, 4], {
    name: 'Byrådet',
    type: 'Kommunalbestyrelse',
    description: 'Vedtager planer og budgetter for kommunen.',
    tags: ['politik'],
    parent: 'kommune',
    source: S.strategicPlanNews,
  }),
  actor('borgmester', 'political', [5, 5], {
    name: 'Borgmester',
    type: 'Borgmester (embede)',
    description: 'Embedet er med ved bordet i Charlottekvarteret og driver campusaksen.',
    tags: ['politik'],
    parent: 'byraadet',
    source: S.ckEffect,
  }),
  actor('oekonomiudvalget', 'political', [5, 3], {
    name: 'Økonomiudvalget',
    type: 'Stående udvalg',
    description: 'Prioriterer kommunens anlægsmidler.',
    tags: ['politik', 'økonomi'],
    parent: 'byraadet',
    source: ill('Udvalgets rolle i planen er antaget'),
  }),
  actor('isu', 'political', [4, 4], {
    name: 'Institutions- og Skoleudvalget',
    type: 'Stående udvalg',
    description:
      'Politisk ansvar for skolestrukturen, herunder Charlotteskolen og Hedehusene Skole.',
    tags: ['politik', 'skole'],
    parent: 'byraadet',
    source: S.ckSchools,
  }),
  // Municipal administration
  actor('kommune', 'municipal', [5, 5], {
    name: 'Høje-Taastrup Kommune',
    type: 'Kommune',
    description: 'Ejer den strategiske plan sammen med de tre boligorganisationer.',
    tags: ['kommune'],
    areas: ALL_AREAS,
    source: S.strategicPlan,
  }),
  actor('by-miljoe', 'municipal', [4, 5], {
    name: 'By- og Miljøcenter',
    type: 'Fagcenter',
    description: 'Planlægning, lokalplaner og byudvikling; sekretariat for partnerskabet.',
    tags: ['byudvikling', 'planlægning'],
    parent: 'kommune',
    source: S.strategicPlanNews,
  }),
  actor('isc', 'municipal', [4, 4], {
    name: 'Institutions- og Skolecenter',
    type: 'Fagcenter',
    description: 'Driver skoler, Linje 10 og institutioner; ansvar for skolebygningerne.',
    tags: ['skole'],
    parent: 'kommune',
    source: S.bkh,
  }),
  actor('jobcenter', 'municipal', [3, 3], {
    name: 'Jobcenter Høje-Taastrup',
    type: 'Fagcenter',
    description: 'Beskæftigelsesindsats; jobpartnerskaber med lokale virksomheder.',
    tags: ['job'],
    parent: 'kommune',
    source: ill('Jobcentrets rolle i planen er antaget'),
  }),
  actor('boern-familie', 'municipal', [3, 4], {
    name: 'Center for Børn og Familie',
    type: 'Fagcenter (socialområdet)',
    description: 'Børne- og familieindsats og boligplacering af udsatte borgere.',
    tags: ['social', 'boligplacering'],
    parent: 'kommune',
    source: ill('Navn og rolle er en plausibel illustration'),
  }),
  actor('ssp', 'municipal', [2, 4], {
    name: 'SSP Høje-Taastrup',
    type: 'Kriminalpræventivt samarbejde',
    description: 'Samarbejde mellem skole, socialforvaltning og politi om unge.',
    tags: ['tryghed', 'unge'],
    parent: 'kommune',
    source: ill('SSP-samarbejdets rolle i planen er antaget'),
  }),
  // Housing organisations and their administrators
  actor('akb', 'housing', [5, 5], {
    name: 'Boligselskabet AKB, Taastrup',
    type: 'Boligorganisation',
    description: 'Ejer Taastrupgaard (tre afdelinger); administreres af KAB.',
    tags: ['almen bolig'],
    areas: TG,
    source: S.tgPlan,
  }),
  actor('akb-orgbest', 'housing', [4, 4], {
    name: 'Organisationsbestyrelsen i AKB, Taastrup',
    type: 'Organisationsbestyrelse',
    description: 'Boligorganisationens øverste ledelse mellem repræsentantskabsmøderne.',
    tags: ['beboerdemokrati'],
    parent: 'akb',
    source: ill('Organisationsbestyrelsens rolle i planen er antaget'),
  }),
  actor('kab', 'housing', [4, 4], {
    name: 'KAB',
    type: 'Administrationsselskab',
    description: 'Administrerer AKB, Taastrup og står for genhusningen i Taastrupgaard.',
    tags: ['administration', 'genhusning'],
    areas: TG,
    source: S.tgPlan,
  }),
  actor('dfb', 'housing', [5, 5], {
    name: 'DFB – Danske Funktionærers Boligselskab',
    type: 'Boligorganisation',
    description: 'Ejer Gadehavegård og Charlottegården; administreres af Domea.dk.',
    tags: ['almen bolig'],
    areas: ['gadehavegaard', 'charlottekvarteret'],
    source: S.ghPlan,
  }),
  actor('dfb-orgbest', 'housing', [4, 4], {
    name: 'Organisationsbestyrelsen i DFB',
    type: 'Organisationsbestyrelse',
    description: 'Boligorganisationens øverste ledelse mellem repræsentantskabsmøderne.',
    tags: ['beboerdemokrati'],
    parent: 'dfb',
    source: ill('Organisationsbestyrelsens rolle i planen er antaget'),
  }),
  actor('domea', 'housing', [4, 5], {
    name: 'Domea.dk',
    type: 'Administrationsselskab',
    description:
      'Administrerer DFB; driver udviklingsplanen, genhusningen og DESIRE i Gadehavegård.',
    tags: ['administration'],
    areas: ['gadehavegaard', 'charlottekvarteret'],
    source: S.ghVote,
  }),
  actor('domea-genhusning', 'housing', [3, 5], {
    name: 'Domeas genhusningskontor i Gadehavegård',
    type: 'Genhusningskontor',
    description: 'Finder nye boliger til beboere fra blokke, der rives ned eller ombygges.',
    tags: ['genhusning'],
    areas: GH,
    parent: 'domea',
    source: S.ghPlan,
  }),
  actor('vibo', 'housing', [4, 4], {
    name: 'VIBO',
    type: 'Boligorganisation',
    description: 'Ejer Charlotteager afd. 121 og afd. 135 (Charlotteager II).',
    tags: ['almen bolig'],
    areas: CK,
    source: S.vibo135,
  }),
  actor('vibo-orgbest', 'housing', [4, 3], {
    name: 'Organisationsbestyrelsen i VIBO',
    type: 'Organisationsbestyrelse',
    description: 'Boligorganisationens øverste ledelse mellem repræsentantskabsmøderne.',
    tags: ['beboerdemokrati'],
    parent: 'vibo',
    source: ill('Organisationsbestyrelsens rolle i planen er antaget'),
  }),
  // Resident democracy: each department board is part of its housing organisation
  actor('tg-afdbest', 'residents', [3, 5], {
    name: 'Afdelingsbestyrelsen i Taastrupgaard',
    type: 'Afdelingsbestyrelse',
    description: 'Beboervalgt bestyrelse; en engageret afdelingsbestyrelse får ting til at ske.',
    tags: ['beboerdemokrati'],
    areas: TG,
    parent: 'akb',
    source: S.tgPlan,
  }),
  actor('gh-afdbest', 'residents', [4, 5], {
    name: 'Afdelingsbestyrelsen i Gadehavegård',
    type: 'Afdelingsbestyrelse',
    description: 'Engagerede beboerdemokrater, der ikke må køres over; beboerne stemte ja i 2022.',
    tags: ['beboerdemokrati'],
    areas: GH,
    parent: 'dfb',
    source: S.ghVote,
  }),
  actor('charlottegaarden-afdbest', 'residents', [2, 4], {
    name: 'Afdelingsbestyrelsen i Charlottegården',
    type: 'Afdelingsbestyrelse',
    description: 'Beboervalgt bestyrelse i DFBs afdeling i Charlottekvarteret.',
    tags: ['beboerdemokrati'],
    areas: CK,
    parent: 'dfb',
    source: S.ckEffect,
  }),
  actor('ca121-afdbest', 'residents', [2, 4], {
    name: 'Afdelingsbestyrelsen i Charlotteager (afd. 121)',
    type: 'Afdelingsbestyrelse',
    description: 'Beboervalgt bestyrelse i VIBOs afdeling 121.',
    tags: ['beboerdemokrati'],
    areas: CK,
    parent: 'vibo',
    source: S.ckEffect,
  }),
  actor('ca135-afdbest', 'residents', [3, 5], {
    name: 'Afdelingsbestyrelsen i Charlotteager II (afd. 135)',
    type: 'Afdelingsbestyrelse',
    description: 'Beboervalgt bestyrelse i VIBOs afdeling 135, der får fysisk helhedsplan.',
    tags: ['beboerdemokrati'],
    areas: CK,
    parent: 'vibo',
    source: S.vibo135,
  }),
  // Boligsocial efforts
  actor('tg-boligsocial-team', 'social_programme', [3, 5], {
    name: 'Det boligsociale team i Taastrupgaard',
    type: 'Boligsocialt team',
    description:
      'Ved, hvad der foregår, og har relationer til alle; sekretariat for lokalbestyrelsen.',
    tags: ['boligsocial', 'brobygger'],
    areas: TG,
    source: S.tgTeam,
  }),
  actor('ck-boligsocial-team', 'social_programme', [2, 3], {
    name: 'Det boligsociale team i Charlottekvarteret',
    type: 'Boligsocialt team (afsluttet)',
    description: 'Den tidligere boligsociale indsats; samarbejdede med Kroppedal og foreningerne.',
    tags: ['boligsocial', 'historisk'],
    areas: CK,
    source: S.ckEffect,
  }),
  actor('gh-boligsocial', 'social_programme', [3, 5], {
    name: 'Den boligsociale indsats i Gadehavegård',
    type: 'Boligsocial indsats',
    description: 'Boligsociale medarbejdere i Gadehavegård.',
    tags: ['boligsocial'],
    areas: GH,
    source: ill('Indsatsens form er antaget'),
  }),
  // Education
  actor('uu', 'education', [2, 4], {
    name: 'UU Høje-Taastrup',
    type: 'Ungdommens Uddannelsesvejledning',
    description: 'Ungdomsvejledning; partner i den boligsociale helhedsplan i Taastrupgaard.',
    tags: ['unge', 'uddannelse'],
    areas: TG,
    parent: 'kommune',
    source: S.tgTeam,
  }),
  actor('ole-roemer', 'education', [3, 4], {
    name: 'Ole Rømer Skolen',
    type: 'Folkeskole (0.–6. klasse)',
    description: 'Skolen i Børne- og Kulturhuset i Taastrupgaard.',
    tags: ['skole'],
    areas: TG,
    parent: 'isc',
    source: S.bkh,
  }),
  actor('charlotteskolen', 'education', [1, 2], {
    name: 'Charlotteskolen',
    type: 'Folkeskole (lukket)',
    description: 'Lukket skole i Charlottekvarteret; eleverne samarbejdede med lokale håndværkere.',
    tags: ['skole', 'historisk'],
    areas: CK,
    parent: 'isc',
    source: S.ckSchools,
  }),
  actor('hedehusene-skole', 'education', [3, 4], {
    name: 'Hedehusene Skole (Læringshuset)',
    type: 'Folkeskole',
    description: 'Skole i Hedehusene; delvis nedrivning er foreslået.',
    tags: ['skole'],
    areas: CK,
    parent: 'isc',
    source: S.ckSchools,
  }),
  actor('linje10', 'education', [2, 4], {
    name: 'Linje 10',
    type: 'Kommunalt 10.-klassetilbud',
    description: 'Skal flytte ind i Kvarterhuset i Gadehavegård.',
    tags: ['skole', 'unge'],
    areas: GH,
    parent: 'isc',
    source: S.kvarterhus,
  }),
  actor('htg', 'education', [3, 3], {
    name: 'Høje-Taastrup Gymnasium',
    type: 'Gymnasium',
    description: 'Et af ankerpunkterne på campus- og vidensaksen.',
    tags: ['uddannelse', 'campus'],
    source: S.strategicPlanNews,
  }),
  actor('ti', 'education', [3, 2], {
    name: 'Teknologisk Institut',
    type: 'GTS-institut',
    description: 'Endepunktet for campus- og vidensaksen.',
    tags: ['viden', 'campus'],
    source: S.strategicPlanNews,
  }),
  actor('kadk', 'education', [2, 2], {
    name: 'Det Kongelige Akademi – Arkitektskolen',
    type: 'Uddannelsesinstitution',
    description: 'Studiesamarbejde med kommunen og Domea 2020–22.',
    tags: ['arkitektur', 'studerende'],
    source: ill('Samarbejdet er nævnt i casen; ingen offentlig kilde i kortet'),
  }),
  actor('aau-build', 'education', [2, 3], {
    name: 'Aalborg Universitet, BUILD',
    type: 'Forskningsinstitut',
    description: 'Forsker i boligsociale indsatser og almene boligområder.',
    tags: ['forskning'],
    source: ill('Rollen i planen er antaget'),
  }),
  // Culture
  actor('bkh', 'culture', [3, 4], {
    name: 'Børne- og Kulturhus Taastrupgaard',
    type: 'Børne- og kulturhus',
    description: '9.000 m² hus fra 2023 med skole og kulturskoler.',
    tags: ['kultur', 'skole'],
    areas: TG,
    parent: 'kommune',
    source: S.bkh,
  }),
  actor('kulturskoler', 'culture', [2, 3], {
    name: 'Musik-, billed- og dramaskolerne',
    type: 'Kommunale kulturskoler',
    description: 'Flyttede ind i Børne- og Kulturhuset.',
    tags: ['kultur'],
    areas: TG,
    parent: 'kommune',
    source: S.bkh,
  }),
  actor('kroppedal', 'culture', [2, 4], {
    name: 'Kroppedal Museum',
    type: 'Statsanerkendt museum',
    description:
      'Stiftet af Høje-Taastrup, Albertslund, Ishøj og Herlev; dokumenterer efterkrigstidens ' +
      'almene boligbyggeri.',
    tags: ['museum', 'lokalhistorie'],
    source: S.kroppedal,
  }),
  actor('teater', 'culture', [2, 2], {
    name: 'Taastrup Teater & Musikhus',
    type: 'Spillested',
    description: 'Kommunens scene; mulig partner for kulturlivet i områderne.',
    tags: ['kultur'],
    source: ill('Rollen i planen er antaget'),
  }),
  // Business and advisers
  actor('haandvaerkere', 'business', [2, 3], {
    name: 'Lokale håndværksvirksomheder',
    type: 'Virksomhedsnetværk',
    description: 'Samarbejdede med Charlotteskolens elever.',
    tags: ['erhverv', 'praktik'],
    areas: CK,
    source: S.ckEffect,
  }),
  actor('lokale-butikker', 'business', [2, 3], {
    name: 'Lokale butikker og arbejdsgivere',
    type: 'Lokale virksomheder',
    description: 'Giver lommepengejob til unge fra områderne.',
    tags: ['erhverv', 'job'],
    areas: ['taastrupgaard', 'gadehavegaard'],
    source: ill('Plausibel illustration'),
  }),
  actor('core', 'business', [2, 3], {
    name: 'CORE Bolig',
    type: 'Salg og udlejning',
    description: 'Sælger og udlejer boligerne i Selsmosekvarteret.',
    tags: ['boligmarked'],
    areas: TG,
    source: S.selsmose,
  }),
  actor('team-niels-bjoern', 'business', [2, 2], {
    name: 'Team Niels Bjørn',
    type: 'Rådgiver (arkitekt og byplan)',
    description: 'Udarbejdede den strategiske udviklingsplan 2017–18.',
    tags: ['rådgiver'],
    source: S.strategicPlan,
  }),
  actor('arkitema', 'business', [2, 3], {
    name: 'Arkitema',
    type: 'Rådgiver (arkitekt)',
    description: 'Arkitekt på den fysiske helhedsplan for Gadehavegård.',
    tags: ['rådgiver'],
    areas: GH,
    source: S.ghPlan,
  }),
  actor('vandkunsten', 'business', [2, 2], {
    name: 'Vandkunsten',
    type: 'Rådgiver (arkitekt)',
    description: 'Arkitekter med erfaring i billigt alment byggeri.',
    tags: ['rådgiver', 'billige boliger'],
    source: ill('Rollen i planen er antaget'),
  }),
  // Investors
  actor('svanen', 'investor', [3, 4], {
    name: 'Svanen Gruppen',
    type: 'Ejendomsudvikler',
    description: 'Udvikler Selsmosekvarteret med 275 boliger frem mod 2027.',
    tags: ['privat byggeri'],
    areas: TG,
    source: S.selsmose,
  }),
  actor('htc', 'investor', [3, 3], {
    name: 'Høje Taastrup C P/S',
    type: 'Byudviklingsselskab',
    description: 'Udvikler bydelen ved Høje Taastrup Station.',
    tags: ['byudvikling', 'campus'],
    source: ill('Rollen i campusaksen er antaget'),
  }),
  actor('naerheden', 'investor', [3, 2], {
    name: 'NærHeden P/S',
    type: 'Byudviklingsselskab',
    description: 'Udvikler den nye bydel ved Hedehusene.',
    tags: ['byudvikling'],
    source: ill('Rollen over for Charlottekvarteret er antaget'),
  }),
  actor('pension', 'investor', [3, 2], {
    name: 'Pensionskasse (investor)',
    type: 'Institutionel investor',
    description: 'Institutionel investor med interesse for boliger og campusområder.',
    tags: ['kapital'],
    source: ill('Plausibel illustration'),
  }),
];

// ---------------------------------------------------------------------------------------------
// Forums

const FORUMS: {
  key: string;
  name: string;
  kind: ForumKind;
  description: string;
  source: Source;
}[] = [
  {
    key: 'f-partnerskab',
    name: 'Partnerskabet bag By i balance',
    kind: 'partnership',
    description: 'Kommunen, AKB, DFB, VIBO og Realdania om den strategiske plan.',
    source: S.strategicPlan,
  },
  {
    key: 'f-lokalbestyrelse',
    name: 'Lokalbestyrelsen for de boligsociale helhedsplaner',
    kind: 'board',
    description: 'Boligorganisationer, kommune, afdelingsbestyrelser, teams og partnere.',
    source: S.lbf,
  },
  {
    key: 'f-gh-styregruppe',
    name: 'Styregruppen for Gadehavegårds udviklingsplan',
    kind: 'steering_group',
    description: 'DFB, Domea, kommunen, afdelingsbestyrelsen og arkitekten.',
    source: ill('Sammensætningen er antaget', URL.ghPlan),
  },
  {
    key: 'f-tg-styregruppe',
    name: 'Styregruppen for Taastrupgaards udviklingsplan',
    kind: 'steering_group',
    description: 'AKB, KAB, kommunen, afdelingsbestyrelsen og Svanen Gruppen.',
    source: ill('Sammensætningen er antaget', URL.tgPlan),
  },
  {
    key: 'f-tryghed',
    name: 'Tryghedsnetværket i boligområderne',
    kind: 'network',
    description: 'SSP, politi, socialområdet og de boligsociale medarbejdere.',
    source: ill('Netværket er en plausibel illustration'),
  },
];

// ---------------------------------------------------------------------------------------------
// Facts

interface FactOptions {
  source: Source;
  from?: string;
  to?: string;
  verifiedAt?: string;
  note?: string;
}

interface CommitmentSpec extends FactOptions {
  actor: string;
  target: string;
  role: CommitmentRole;
  status: CommitmentStatus;
  amount?: number;
  fundingType?: FundingType;
}

interface CollaborationSpec extends FactOptions {
  a: string;
  b: string;
  kind: CollaborationKind;
  strength: 1 | 2 | 3;
}

interface MembershipSpec extends FactOptions {
  actor: string;
  forum: string;
  role: MembershipRole;
}

interface StanceSpec extends FactOptions {
  actor: string;
  target: string;
  position: StancePosition;
}

/** Fields a few facts need beyond the one-line form. */
interface Extra {
  verifiedAt?: string;
  note?: string;
}

/** Validity written as 'from..to' with either side empty when open, so each fact fits one line. */
function validity(period: string): { from?: string; to?: string } {
  const [from, to] = period.split('..');
  return { from: from || undefined, to: to || undefined };
}

function commit(
  actor: string,
  target: string,
  role: CommitmentRole,
  status: CommitmentStatus,
  period: string,
  source: Source,
  extra: Extra = {},
): CommitmentSpec {
  return { actor, target, role, status, ...validity(period), source, ...extra };
}

function fund(
  actor: string,
  target: string,
  status: CommitmentStatus,
  amount: number | undefined,
  fundingType: FundingType,
  period: string,
  source: Source,
  extra: Extra = {},
): CommitmentSpec {
  const role = 'funder';
  return {
    actor,
    target,
    role,
    status,
    amount,
    fundingType,
    ...validity(period),
    source,
    ...extra,
  };
}

function collab(
  a: string,
  b: string,
  kind: CollaborationKind,
  strength: 1 | 2 | 3,
  period: string,
  source: Source,
  extra: Extra = {},
): CollaborationSpec {
  return { a, b, kind, strength, ...validity(period), source, ...extra };
}

function member(
  actor: string,
  forum: string,
  role: MembershipRole,
  period: string,
  source: Source,
  extra: Extra = {},
): MembershipSpec {
  return { actor, forum, role, ...validity(period), source, ...extra };
}

function stance(
  actor: string,
  target: string,
  position: StancePosition,
  period: string,
  source: Source,
  extra: Extra = {},
): StanceSpec {
  return { actor, target, position, ...validity(period), source, ...extra };
}

const ASSUMED_NOTE = 'Antaget: plausibel illustration, ikke verificeret';
const ASSUMED = ill(ASSUMED_NOTE);
/** Assumed, next to the public page that makes it plausible. */
const assumedAt = (url: string) => ill(ASSUMED_NOTE, url);
/** The commitment is public or plausible; the amount is not given by any source. */
const amountAt = (url: string) => ill('Beløbet er illustrativt', url);

// One fact a line, as a table; prettier would spread the longer ones over many lines.
// prettier-ignore
const COMMITMENTS: CommitmentSpec[] = [
  // By i balance
  commit('kommune', 'p-strategisk', 'owner', 'formalised', '2017-03-01..', S.strategicPlan),
  commit('akb', 'p-strategisk', 'contributor', 'agreed', '2017-03-01..', S.strategicPlan),
  commit('dfb', 'p-strategisk', 'contributor', 'agreed', '2017-03-01..', S.strategicPlan),
  commit('vibo', 'p-strategisk', 'contributor', 'agreed', '2017-03-01..', S.strategicPlan),
  fund('realdania', 'p-strategisk', 'formalised', 3_000_000, 'grant', '2017-03-01..2018-12-31',
    amountAt(URL.strategicPlan)),
  commit('team-niels-bjoern', 'p-strategisk', 'contributor', 'formalised', '2017-03-01..2018-12-31',
    S.strategicPlan),
  // Area plans
  commit('akb', 'p-taastrupgaard', 'owner', 'formalised', '2018-06-01..', S.tgPlan),
  commit('kommune', 'p-taastrupgaard', 'owner', 'formalised', '2018-06-01..', S.tgPlan),
  commit('kab', 'p-taastrupgaard', 'contributor', 'formalised', '2018-06-01..', S.tgPlan),
  commit('dfb', 'p-gadehavegaard', 'owner', 'formalised', '2019-01-01..', S.ghPlan),
  commit('domea', 'p-gadehavegaard', 'contributor', 'formalised', '2019-01-01..', S.ghPlan),
  commit('kommune', 'p-gadehavegaard', 'contributor', 'agreed', '2019-01-01..', S.ghPlan),
  commit('sbm', 'p-gadehavegaard', 'endorser', 'formalised', '2019-06-01..', S.ghPlan, {
    note: 'Ministeriet godkender udviklingsplanen',
  }),
  // Last checked early 2025: stale, and worth a call before the next partnership meeting.
  commit('kommune', 'p-charlottekvarteret', 'owner', 'agreed', '2018-04-01..', S.ckEffect, {
    verifiedAt: '2025-02-10',
  }),
  commit('vibo', 'p-charlottekvarteret', 'contributor', 'agreed', '2018-04-01..', S.vibo135),
  commit('dfb', 'p-charlottekvarteret', 'contributor', 'agreed', '2018-04-01..', ASSUMED),
  // Taastrupgaard
  commit('kab', 'tg-genhusning', 'owner', 'formalised', '2019-01-01..', S.tgDemolition),
  commit('akb', 'tg-genhusning', 'contributor', 'formalised', '2019-01-01..', S.tgDemolition),
  commit('kommune', 'tg-genhusning', 'contributor', 'agreed', '2019-01-01..', ASSUMED, {
    note: 'Boligplacering af udsatte familier under genhusningen',
  }),
  commit('boern-familie', 'tg-genhusning', 'contributor', 'agreed', '2019-01-01..', ASSUMED),
  commit('tg-afdbest', 'tg-genhusning', 'contributor', 'agreed', '2019-01-01..', ASSUMED),
  commit('akb', 'tg-nedrivning', 'owner', 'formalised', '2019-06-01..', S.tgDemolition),
  commit('kab', 'tg-nedrivning', 'contributor', 'formalised', '2019-06-01..', S.tgDemolition),
  commit('sbm', 'tg-nedrivning', 'endorser', 'formalised', '2019-06-01..', S.tgDemolition),
  commit('akb', 'tg-renovering', 'owner', 'formalised', '2020-01-01..', S.tgPlan),
  commit('kab', 'tg-renovering', 'contributor', 'formalised', '2020-01-01..', S.tgPlan),
  fund('lbf', 'tg-renovering', 'formalised', undefined, 'loan', '2020-01-01..', S.tgPlan, {
    note: 'Beløbet er ikke oplyst i kilden',
  }),
  commit('kommune', 'boerne-kulturhus', 'owner', 'formalised', '2020-06-01..2023-08-31', S.bkh),
  commit('isc', 'boerne-kulturhus', 'contributor', 'formalised', '2020-06-01..2023-08-31', S.bkh),
  commit('ole-roemer', 'boerne-kulturhus', 'contributor', 'agreed', '2020-06-01..2023-08-31',
    S.bkh),
  commit('kulturskoler', 'boerne-kulturhus', 'contributor', 'agreed', '2020-06-01..2023-08-31',
    S.bkh),
  commit('akb', 'boerne-kulturhus', 'contributor', 'formalised', '2020-06-01..2023-08-31',
    S.tgDemolition, { note: 'Grunden fra 188 nedrevne boliger' }),
  commit('svanen', 'selsmosekvarteret', 'owner', 'formalised', '2021-01-01..', S.selsmose),
  commit('core', 'selsmosekvarteret', 'contributor', 'formalised', '2022-01-01..', S.selsmose),
  commit('akb', 'selsmosekvarteret', 'contributor', 'formalised', '2021-01-01..', S.selsmose),
  commit('kommune', 'selsmosekvarteret', 'contributor', 'agreed', '2021-01-01..', S.selsmose),
  fund('pension', 'selsmosekvarteret', 'withdrawn', 400_000_000, 'loan', '2022-06-01..2024-03-31',
    ASSUMED, { note: 'Trak sig fra lejeboligdelen; udvikleren fandt anden finansiering' }),
  commit('akb', 'tg-boligsocial-2021', 'owner', 'formalised', '2021-01-01..2024-12-31', S.tgTeam),
  fund('lbf', 'tg-boligsocial-2021', 'formalised', 12_000_000, 'grant', '2021-01-01..2024-12-31',
    amountAt(URL.lbf)),
  fund('kommune', 'tg-boligsocial-2021', 'formalised', 3_000_000, 'grant', '2021-01-01..2024-12-31',
    amountAt(URL.lbf), { note: 'Del af den lokale medfinansiering på mindst 25 %' }),
  commit('tg-boligsocial-team', 'tg-boligsocial-2021', 'contributor', 'formalised',
    '2021-01-01..2024-12-31', S.tgTeam),
  commit('uu', 'tg-boligsocial-2021', 'contributor', 'agreed', '2021-01-01..2024-12-31', S.tgTeam),
  commit('nydansker', 'tg-boligsocial-2021', 'contributor', 'agreed', '2021-01-01..2024-12-31',
    S.tgTeam),
  commit('akb', 'tg-boligsocial-2025', 'owner', 'formalised', '2025-01-01..', assumedAt(URL.lbf)),
  fund('akb', 'tg-boligsocial-2025', 'agreed', 1_800_000, 'grant', '2025-01-01..2028-12-31',
    amountAt(URL.lbf)),
  fund('lbf', 'tg-boligsocial-2025', 'formalised', 13_500_000, 'grant', '2025-01-01..2028-12-31',
    amountAt(URL.lbf)),
  fund('kommune', 'tg-boligsocial-2025', 'agreed', 2_700_000, 'grant', '2025-01-01..2028-12-31',
    amountAt(URL.lbf)),
  commit('tg-boligsocial-team', 'tg-boligsocial-2025', 'contributor', 'formalised', '2025-01-01..',
    assumedAt(URL.tgTeam)),
  commit('uu', 'tg-boligsocial-2025', 'contributor', 'agreed', '2025-01-01..',
    assumedAt(URL.tgTeam)),
  // Ends mid-2027 while the plan runs to 2028: the commitment to renew in time.
  commit('nydansker', 'tg-boligsocial-2025', 'contributor', 'agreed', '2025-01-01..2027-06-30',
    assumedAt(URL.tgTeam)),
  commit('tg-afdbest', 'tg-boligsocial-2025', 'contributor', 'agreed', '2025-01-01..', ASSUMED),
  // Gadehavegård
  commit('domea', 'gh-genhusning', 'owner', 'formalised', '2022-03-01..', S.ghVote),
  commit('domea-genhusning', 'gh-genhusning', 'contributor', 'formalised', '2022-03-01..',
    S.ghPlan),
  commit('kommune', 'gh-genhusning', 'contributor', 'agreed', '2022-03-01..', ASSUMED, {
    note: 'Boligplacering af udsatte borgere under genhusningen',
  }),
  commit('dfb', 'gh-fysisk', 'owner', 'formalised', '2022-02-15..', S.ghVote),
  commit('domea', 'gh-fysisk', 'contributor', 'formalised', '2022-02-15..', S.ghVote),
  commit('arkitema', 'gh-fysisk', 'contributor', 'formalised', '2022-02-15..', S.ghPlan),
  // The 850 m total is public; how it splits between the funders is illustrative.
  fund('lbf', 'gh-fysisk', 'formalised', 620_000_000, 'loan', '2022-02-15..', amountAt(URL.ghVote)),
  fund('dfb', 'gh-fysisk', 'formalised', 170_000_000, 'grant', '2022-02-15..',
    amountAt(URL.ghVote)),
  fund('kommune', 'gh-fysisk', 'agreed', 60_000_000, 'grant', '2022-02-15..', amountAt(URL.ghVote)),
  commit('kommune', 'kvarterhus', 'owner', 'agreed', '2024-01-01..', S.kvarterhus),
  fund('realdania', 'kvarterhus', 'formalised', 15_000_000, 'grant', '2024-01-01..', S.kvarterhus),
  fund('kommune', 'kvarterhus', 'agreed', 12_500_000, 'grant', '2024-01-01..',
    amountAt(URL.kvarterhus)),
  fund('dfb', 'kvarterhus', 'agreed', 12_500_000, 'grant', '2024-01-01..',
    amountAt(URL.kvarterhus)),
  commit('by-miljoe', 'kvarterhus', 'contributor', 'agreed', '2024-01-01..', ASSUMED, {
    note: 'Bygherrerådgivning',
  }),
  commit('isc', 'kvarterhus', 'contributor', 'agreed', '2024-01-01..', ASSUMED, {
    note: 'Linje 10 og aftenskole i huset',
  }),
  commit('linje10', 'kvarterhus', 'contributor', 'agreed', '2024-01-01..', S.kvarterhus),
  commit('domea', 'desire', 'owner', 'formalised', '2022-01-01..2024-06-30', S.desire),
  fund('eu-desire', 'desire', 'formalised', 1_200_000, 'grant', '2022-01-01..2024-06-30',
    amountAt(URL.desire)),
  commit('domea', 'arkitektskole', 'owner', 'formalised', '2020-09-01..2022-06-30', ASSUMED),
  commit('kadk', 'arkitektskole', 'contributor', 'formalised', '2020-09-01..2022-06-30', ASSUMED),
  commit('kommune', 'arkitektskole', 'contributor', 'agreed', '2020-09-01..2022-06-30', ASSUMED),
  // The school site: two departments each propose to lead it, neither is agreed (the real gap).
  commit('by-miljoe', 'charlotteskolen-site', 'owner', 'proposed', '2025-03-01..', ASSUMED),
  commit('isc', 'charlotteskolen-site', 'owner', 'proposed', '2025-09-01..', ASSUMED),
  commit('vibo', 'charlotteskolen-site', 'contributor', 'proposed', '2025-03-01..', ASSUMED, {
    note: 'Mulig bygherre på dele af grunden',
  }),
  commit('naerheden', 'charlotteskolen-site', 'contributor', 'withdrawn', '2024-02-01..2025-06-30',
    ASSUMED, { note: 'Udvikleren trak sin interesse for grunden' }),
  commit('kommune', 'tryghedsaftale', 'owner', 'formalised', '2021-06-01..', S.ckAgreement),
  commit('dfb', 'tryghedsaftale', 'owner', 'formalised', '2021-06-01..', S.ckAgreement, {
    verifiedAt: '2024-11-05',
  }),
  commit('vibo', 'tryghedsaftale', 'owner', 'formalised', '2021-06-01..', S.ckAgreement),
  commit('kommune', 'raaderum', 'owner', 'formalised', '2015-01-01..2017-12-31', S.ckEffect),
  commit('domea', 'raaderum', 'contributor', 'formalised', '2015-01-01..2017-12-31', S.ckEffect),
  commit('vibo', 'raaderum', 'contributor', 'formalised', '2015-01-01..2017-12-31', S.ckEffect),
  commit('charlotteskolen', 'raaderum', 'contributor', 'agreed', '2015-01-01..2017-12-31',
    S.ckEffect, { note: 'Skolegården' }),
  commit('hedeselskabet', 'raaderum', 'contributor', 'agreed', '2015-01-01..2017-12-31',
    assumedAt(URL.ckEffect)),
  commit('vibo', 'vibo-135', 'owner', 'formalised', '2025-01-01..', S.vibo135),
  fund('lbf', 'vibo-135', 'formalised', undefined, 'loan', '2025-01-01..', S.vibo135, {
    note: 'Beløbet er ikke oplyst i kilden',
  }),
  commit('vibo', 'ck-boligsocial-plan', 'owner', 'formalised', '2015-01-01..2019-12-31',
    assumedAt(URL.ckEffect)),
  fund('lbf', 'ck-boligsocial-plan', 'formalised', 8_000_000, 'grant', '2015-01-01..2019-12-31',
    amountAt(URL.lbf)),
  commit('ck-boligsocial-team', 'ck-boligsocial-plan', 'contributor', 'formalised',
    '2015-01-01..2019-12-31', S.ckEffect),
  // Across the areas
  commit('by-miljoe', 'campus-akse', 'owner', 'agreed', '2024-01-01..',
    assumedAt(URL.strategicPlanNews)),
  commit('htg', 'campus-akse', 'contributor', 'agreed', '2024-01-01..', ASSUMED),
  commit('ti', 'campus-akse', 'contributor', 'agreed', '2024-01-01..', ASSUMED),
  commit('htc', 'campus-akse', 'contributor', 'proposed', '2025-05-01..', ASSUMED),
  fund('pension', 'campus-akse', 'proposed', 250_000_000, 'loan', '2025-10-01..', ASSUMED),
  commit('kroppedal', 'kroppedal-lokalhistorie', 'owner', 'agreed', '2023-01-01..',
    assumedAt(URL.kroppedal)),
  commit('tg-boligsocial-team', 'kroppedal-lokalhistorie', 'contributor', 'agreed', '2023-01-01..',
    assumedAt(URL.kroppedal)),
  commit('jobcenter', 'lommepengejob', 'owner', 'agreed', '2024-01-01..', ASSUMED),
  // Covers half the budget; the rest is not found yet.
  fund('jobcenter', 'lommepengejob', 'agreed', 600_000, 'grant', '2024-01-01..', ASSUMED),
  commit('lokale-butikker', 'lommepengejob', 'contributor', 'agreed', '2024-01-01..', ASSUMED),
  commit('tg-boligsocial-team', 'lommepengejob', 'contributor', 'agreed', '2024-01-01..', ASSUMED),
  commit('gh-boligsocial', 'lommepengejob', 'contributor', 'agreed', '2024-06-01..', ASSUMED),
  commit('vandkunsten', 'billige-boliger', 'contributor', 'proposed', '2026-03-01..', ASSUMED),
  commit('bl', 'billige-boliger', 'endorser', 'proposed', '2026-03-01..', ASSUMED),
];

// prettier-ignore
const COLLABORATIONS: CollaborationSpec[] = [
  // Municipality and housing organisations: joint plans, the safety agreement, administration
  collab('kommune', 'akb', 'formal_agreement', 3, '2018-06-01..', S.tgPlan),
  collab('kommune', 'dfb', 'formal_agreement', 3, '2019-01-01..', S.ghPlan),
  collab('kommune', 'vibo', 'formal_agreement', 2, '2021-06-01..', S.ckAgreement),
  collab('dfb', 'vibo', 'formal_agreement', 2, '2021-06-01..', S.ckAgreement),
  collab('akb', 'kab', 'formal_agreement', 3, '..', S.tgPlan, { note: 'Administrationsaftale' }),
  collab('dfb', 'domea', 'formal_agreement', 3, '..', S.ghPlan, { note: 'Administrationsaftale' }),
  collab('akb', 'dfb', 'network', 2, '2017-03-01..', ASSUMED, {
    note: 'En fælles front på tværs af boligorganisationerne',
  }),
  // Partnership on the strategic plan
  collab('realdania', 'kommune', 'partnership', 3, '2017-03-01..', S.strategicPlan),
  collab('realdania', 'akb', 'partnership', 2, '2017-03-01..', S.strategicPlan),
  collab('realdania', 'dfb', 'partnership', 3, '2017-03-01..', S.kvarterhus),
  collab('realdania', 'vibo', 'partnership', 1, '2017-03-01..2018-12-31',
    assumedAt(URL.strategicPlan)),
  collab('realdania', 'realdania-by', 'formal_agreement', 3, '..', ASSUMED),
  collab('kommune', 'team-niels-bjoern', 'formal_agreement', 3, '2017-03-01..2018-12-31',
    S.strategicPlan, { note: 'Rådgiveraftale' }),
  // Landsbyggefonden and the state
  collab('lbf', 'akb', 'formal_agreement', 3, '..', S.lbf),
  collab('lbf', 'dfb', 'formal_agreement', 3, '..', S.lbf),
  collab('lbf', 'vibo', 'formal_agreement', 3, '..', S.vibo135),
  collab('lbf', 'kommune', 'formal_agreement', 2, '..', S.lbf, {
    note: 'Kommunal medfinansiering og godkendelse af helhedsplaner',
  }),
  collab('lbf', 'domea', 'network', 2, '..', ASSUMED, { note: 'Domea søger støtte på DFBs vegne' }),
  collab('sbm', 'sbst', 'formal_agreement', 3, '..', ASSUMED),
  collab('sbst', 'lbf', 'network', 2, '..', S.lbf),
  collab('bl', 'lbf', 'network', 2, '..', ASSUMED),
  collab('bl', 'akb', 'network', 1, '..', ASSUMED, { verifiedAt: '2025-12-01' }),
  collab('bl', 'vibo', 'network', 1, '..', ASSUMED),
  collab('aau-build', 'lbf', 'network', 2, '..', ASSUMED, {
    note: 'Evaluering af boligsociale indsatser',
  }),
  // The municipality's political line and departments; by-miljoe and isc share no link on purpose
  collab('borgmester', 'kommune', 'formal_agreement', 3, '..', ASSUMED),
  collab('borgmester', 'byraadet', 'formal_agreement', 3, '..', ASSUMED),
  collab('oekonomiudvalget', 'byraadet', 'formal_agreement', 3, '..', ASSUMED),
  collab('isu', 'byraadet', 'formal_agreement', 3, '..', ASSUMED),
  collab('isu', 'isc', 'formal_agreement', 3, '..', ASSUMED),
  collab('kommune', 'by-miljoe', 'formal_agreement', 3, '..', ASSUMED),
  collab('kommune', 'isc', 'formal_agreement', 3, '..', ASSUMED),
  collab('isc', 'ole-roemer', 'formal_agreement', 3, '..', S.bkh),
  collab('isc', 'hedehusene-skole', 'formal_agreement', 3, '..', S.ckSchools),
  collab('isc', 'linje10', 'formal_agreement', 3, '..', ASSUMED),
  collab('bkh', 'ole-roemer', 'formal_agreement', 3, '2023-08-01..', S.bkh),
  collab('bkh', 'kulturskoler', 'formal_agreement', 3, '2023-08-01..', S.bkh),
  collab('bkh', 'tg-boligsocial-team', 'informal', 2, '2023-08-01..', ASSUMED),
  collab('teater', 'kulturskoler', 'network', 1, '..', ASSUMED),
  collab('jobcenter', 'lokale-butikker', 'partnership', 2, '2024-01-01..', ASSUMED),
  collab('lokale-butikker', 'tg-boligsocial-team', 'informal', 1, '2024-01-01..', ASSUMED),
  // Boligsocial teams and their partners
  collab('tg-boligsocial-team', 'uu', 'partnership', 3, '2021-01-01..', S.tgTeam),
  collab('tg-boligsocial-team', 'nydansker', 'partnership', 2, '2021-01-01..', S.tgTeam),
  collab('tg-boligsocial-team', 'kommune', 'partnership', 3, '2021-01-01..', S.tgTeam),
  collab('tg-boligsocial-team', 'kroppedal', 'partnership', 2, '2023-01-01..',
    assumedAt(URL.kroppedal)),
  collab('ck-boligsocial-team', 'kroppedal', 'partnership', 2, '2016-01-01..2019-12-31',
    S.kroppedal),
  collab('ck-boligsocial-team', 'hif', 'partnership', 2, '2015-01-01..2019-12-31',
    assumedAt(URL.ckEffect)),
  collab('gh-boligsocial', 'gh-afdbest', 'partnership', 3, '..', ASSUMED),
  collab('slks', 'kroppedal', 'formal_agreement', 2, '..', ASSUMED, {
    note: 'Statsanerkendt museum',
  }),
  // Resident democracy
  collab('akb-orgbest', 'tg-afdbest', 'network', 2, '..', ASSUMED),
  collab('dfb-orgbest', 'gh-afdbest', 'network', 2, '..', ASSUMED),
  collab('vibo-orgbest', 'ca135-afdbest', 'network', 2, '..', ASSUMED),
  collab('vibo', 'ca135-afdbest', 'partnership', 3, '2024-01-01..', S.vibo135),
  collab('ca121-afdbest', 'ca135-afdbest', 'informal', 2, '..', ASSUMED),
  collab('charlottegaarden-afdbest', 'domea', 'partnership', 2, '..', ASSUMED),
  collab('charlottegaarden-afdbest', 'hif', 'informal', 2, '..', ASSUMED),
  collab('domea', 'domea-genhusning', 'formal_agreement', 3, '..', ASSUMED),
  // "Residents must not be run over": the strained relation over rehousing in Gadehavegård.
  collab('gh-afdbest', 'domea-genhusning', 'tension', 2, '2023-01-01..', ASSUMED, {
    note: 'Uenighed om genhusningens tempo; beboerne er engagerede og må ikke køres over',
  }),
  collab('politi', 'gh-afdbest', 'informal', 2, '2019-01-01..', assumedAt(URL.ghPlan)),
  // Market, advisers and knowledge institutions
  collab('svanen', 'core', 'formal_agreement', 3, '2022-01-01..', S.selsmose),
  collab('svanen', 'akb', 'formal_agreement', 3, '2021-01-01..', S.selsmose),
  collab('svanen', 'kommune', 'partnership', 2, '2021-01-01..', S.selsmose),
  collab('arkitema', 'dfb', 'formal_agreement', 3, '2021-01-01..', S.ghPlan),
  collab('kommune', 'kadk', 'partnership', 2, '2020-09-01..2022-06-30', ASSUMED),
  collab('kadk', 'domea', 'partnership', 2, '2020-09-01..2022-06-30', ASSUMED),
  collab('eu-desire', 'domea', 'formal_agreement', 3, '2022-01-01..2024-06-30', S.desire),
  collab('charlotteskolen', 'haandvaerkere', 'partnership', 2, '2016-01-01..2019-06-30',
    S.ckEffect),
  collab('kommune', 'hedeselskabet', 'formal_agreement', 2, '2015-01-01..2017-12-31',
    assumedAt(URL.ckEffect)),
  collab('htg', 'ti', 'partnership', 2, '..', ASSUMED),
  collab('by-miljoe', 'ti', 'network', 1, '..', ASSUMED),
  collab('by-miljoe', 'htc', 'partnership', 2, '..', ASSUMED),
];

// prettier-ignore
const MEMBERSHIPS: MembershipSpec[] = [
  member('kommune', 'f-partnerskab', 'chair', '2017-03-01..', S.strategicPlan),
  member('akb', 'f-partnerskab', 'member', '2017-03-01..', S.strategicPlan),
  member('dfb', 'f-partnerskab', 'member', '2017-03-01..', S.strategicPlan),
  member('vibo', 'f-partnerskab', 'member', '2017-03-01..', S.strategicPlan),
  member('realdania', 'f-partnerskab', 'member', '2017-03-01..', S.strategicPlan),
  member('by-miljoe', 'f-partnerskab', 'secretariat', '2017-03-01..', assumedAt(URL.strategicPlan)),
  member('team-niels-bjoern', 'f-partnerskab', 'member', '2017-03-01..2018-12-31', S.strategicPlan),
  member('akb', 'f-lokalbestyrelse', 'chair', '2021-01-01..', assumedAt(URL.lbf)),
  member('kab', 'f-lokalbestyrelse', 'member', '2021-01-01..', S.lbf),
  member('dfb', 'f-lokalbestyrelse', 'member', '2021-01-01..', S.lbf),
  member('domea', 'f-lokalbestyrelse', 'member', '2021-01-01..', S.lbf),
  member('kommune', 'f-lokalbestyrelse', 'member', '2021-01-01..', S.lbf),
  member('boern-familie', 'f-lokalbestyrelse', 'member', '2021-01-01..', assumedAt(URL.lbf)),
  member('jobcenter', 'f-lokalbestyrelse', 'member', '2021-01-01..', assumedAt(URL.lbf)),
  member('uu', 'f-lokalbestyrelse', 'member', '2021-01-01..', assumedAt(URL.tgTeam)),
  member('nydansker', 'f-lokalbestyrelse', 'member', '2021-01-01..', assumedAt(URL.tgTeam)),
  member('tg-afdbest', 'f-lokalbestyrelse', 'member', '2021-01-01..', S.lbf),
  member('gh-afdbest', 'f-lokalbestyrelse', 'member', '2021-01-01..', S.lbf),
  member('tg-boligsocial-team', 'f-lokalbestyrelse', 'secretariat', '2021-01-01..', S.tgTeam),
  member('gh-boligsocial', 'f-lokalbestyrelse', 'member', '2021-01-01..', assumedAt(URL.lbf)),
  member('ck-boligsocial-team', 'f-lokalbestyrelse', 'member', '2015-01-01..2019-12-31',
    assumedAt(URL.ckEffect)),
  member('dfb', 'f-gh-styregruppe', 'chair', '2019-01-01..', assumedAt(URL.ghPlan)),
  member('domea', 'f-gh-styregruppe', 'secretariat', '2019-01-01..', assumedAt(URL.ghPlan)),
  member('kommune', 'f-gh-styregruppe', 'member', '2019-01-01..', assumedAt(URL.ghPlan)),
  member('by-miljoe', 'f-gh-styregruppe', 'member', '2019-01-01..', assumedAt(URL.ghPlan)),
  member('gh-afdbest', 'f-gh-styregruppe', 'member', '2019-01-01..', assumedAt(URL.ghPlan)),
  member('arkitema', 'f-gh-styregruppe', 'member', '2021-01-01..', assumedAt(URL.ghPlan)),
  member('akb', 'f-tg-styregruppe', 'chair', '2018-06-01..', assumedAt(URL.tgPlan)),
  member('kab', 'f-tg-styregruppe', 'secretariat', '2018-06-01..', assumedAt(URL.tgPlan)),
  member('kommune', 'f-tg-styregruppe', 'member', '2018-06-01..', assumedAt(URL.tgPlan)),
  member('by-miljoe', 'f-tg-styregruppe', 'member', '2018-06-01..', assumedAt(URL.tgPlan)),
  member('tg-afdbest', 'f-tg-styregruppe', 'member', '2018-06-01..', assumedAt(URL.tgPlan)),
  member('svanen', 'f-tg-styregruppe', 'member', '2022-01-01..', assumedAt(URL.selsmose)),
  member('ssp', 'f-tryghed', 'chair', '..', ASSUMED),
  member('politi', 'f-tryghed', 'member', '..', ASSUMED, { verifiedAt: '2025-01-20' }),
  member('boern-familie', 'f-tryghed', 'member', '..', ASSUMED),
  member('tg-boligsocial-team', 'f-tryghed', 'member', '..', ASSUMED),
  member('gh-boligsocial', 'f-tryghed', 'member', '..', ASSUMED),
  member('domea', 'f-tryghed', 'member', '..', ASSUMED),
];

// prettier-ignore
const STANCES: StanceSpec[] = [
  // Political: the area plans have backing; the strategic plan itself has no recorded stance.
  stance('byraadet', 'p-taastrupgaard', 'supports', '2018-06-01..', S.tgDemolition),
  stance('byraadet', 'p-gadehavegaard', 'supports', '2019-01-01..', assumedAt(URL.ghPlan)),
  stance('byraadet', 'boerne-kulturhus', 'supports', '2020-01-01..', S.bkh),
  stance('borgmester', 'p-charlottekvarteret', 'champion', '2018-04-01..', assumedAt(URL.ckEffect)),
  stance('borgmester', 'campus-akse', 'champion', '2024-01-01..', ASSUMED),
  stance('oekonomiudvalget', 'kvarterhus', 'supports', '2024-01-01..', ASSUMED),
  // An influential committee doubts the school site: closing and demolishing schools is hard.
  stance('isu', 'charlotteskolen-site', 'sceptical', '2025-09-01..', assumedAt(URL.ckSchools)),
  // Residents
  stance('tg-afdbest', 'p-taastrupgaard', 'supports', '2018-06-01..', ASSUMED),
  stance('tg-afdbest', 'tg-nedrivning', 'sceptical', '2019-06-01..', ASSUMED),
  stance('tg-afdbest', 'tg-renovering', 'supports', '2020-01-01..', ASSUMED),
  stance('tg-afdbest', 'lommepengejob', 'supports', '2024-01-01..', ASSUMED),
  stance('gh-afdbest', 'p-gadehavegaard', 'supports', '2019-01-01..', assumedAt(URL.ghVote)),
  stance('gh-afdbest', 'gh-fysisk', 'supports', '2022-02-15..', S.ghVote),
  // Engaged resident democrats who must not be run over: sceptical of how rehousing is done.
  stance('gh-afdbest', 'gh-genhusning', 'sceptical', '2023-01-01..', ASSUMED),
  stance('gh-afdbest', 'kvarterhus', 'supports', '2024-01-01..', ASSUMED),
  stance('gh-afdbest', 'lommepengejob', 'supports', '2024-06-01..', ASSUMED),
  stance('charlottegaarden-afdbest', 'tryghedsaftale', 'supports', '2021-06-01..', ASSUMED),
  stance('charlottegaarden-afdbest', 'p-charlottekvarteret', 'neutral', '2018-04-01..', ASSUMED),
  stance('ca121-afdbest', 'tryghedsaftale', 'supports', '2021-06-01..', ASSUMED),
  stance('ca121-afdbest', 'p-charlottekvarteret', 'supports', '2018-04-01..', ASSUMED),
  stance('ca135-afdbest', 'p-charlottekvarteret', 'supports', '2018-04-01..', ASSUMED),
  stance('ca135-afdbest', 'vibo-135', 'champion', '2024-01-01..', assumedAt(URL.vibo135)),
];

// ---------------------------------------------------------------------------------------------
// Meetings, decisions and follow-ups: the partnership's records, so that the brief and the
// engagement rules show something. The residents' vote of 2022 is public; the rest illustrates
// the open question of the school site.

interface MeetingSpec {
  key: string;
  title: string;
  date: string;
  kind: MeetingKind;
  status: MeetingStatus;
  location?: string;
  purpose: string;
  participants: [string, Sentiment, string?][];
  topics: string[];
  notes?: string;
  source: Source;
}

const MEETINGS: MeetingSpec[] = [
  {
    key: 'm-gh-afdelingsmoede-2022',
    title: 'Afdelingsmøde om den fysiske helhedsplan for Gadehavegård',
    date: '2022-02-15',
    kind: 'decision',
    status: 'held',
    location: 'Gadehavegård',
    purpose: 'Beboerne stemmer om den fysiske helhedsplan.',
    participants: [
      ['gh-afdbest', 'positive', 'Beboerne stemte ja til planen.'],
      ['domea', 'positive'],
    ],
    topics: ['gh-fysisk'],
    source: pub(URL.ghVote, 'Afstemningen er offentlig; datoen og deltagerlisten er omtrentlige'),
  },
  {
    key: 'm-charlotteskolen-2026',
    title: 'Partnerskabsmøde om Charlotteskolens grund',
    date: '2026-09-15',
    kind: 'decision',
    status: 'held',
    location: 'Hedehusene',
    purpose:
      'Afklare, hvem der ejer udviklingen af Charlotteskolens grund, og hvad der skal ske med den.',
    participants: [
      ['by-miljoe', 'positive', 'Vil gerne lede udviklingen af grunden.'],
      ['isc', 'neutral', 'Vil sikre skolens behov og ønsker også at lede.'],
      ['vibo', 'positive', 'Interesseret i at bygge boliger på dele af grunden.'],
      ['ca121-afdbest', 'negative', 'Skeptiske over for nedrivning.'],
      [
        'ca135-afdbest',
        'negative',
        'Skeptiske over for nedrivning; vil inddrages, før der er et forslag.',
      ],
    ],
    topics: ['charlotteskolen-site'],
    notes:
      'Ejerskabet blev ikke afklaret: By- og Miljøcenter og Institutions- og Skolecenter vil begge ' +
      'lede udviklingen af grunden. VIBO er interesseret i at bygge boliger på en del af den. ' +
      'Beboerne fra Charlotteager er skeptiske over for nedrivning og vil inddrages, før der ' +
      'ligger et forslag. Aftalt: By- og Miljøcenter skriver et udkast til, hvem der ejer hvad, ' +
      'inden 15. oktober.',
    source: ill('Mødet, deltagerne og stemningen er en plausibel illustration', URL.ckSchools),
  },
];

interface DecisionSpec {
  key: string;
  title: string;
  date: string;
  outcome: DecisionOutcome;
  body: string;
  target: string;
  meeting?: string;
  reference?: string;
  source: Source;
}

const DECISIONS: DecisionSpec[] = [
  {
    key: 'd-gh-fysisk-2022',
    title: 'Beboerne i Gadehavegård vedtager den fysiske helhedsplan',
    date: '2022-02-15',
    outcome: 'approved',
    body: 'gh-afdbest',
    target: 'gh-fysisk',
    meeting: 'm-gh-afdelingsmoede-2022',
    reference: URL.ghVote,
    source: S.ghVote,
  },
  {
    key: 'd-byraad-strategisk-2018',
    title: 'Byrådet vedtager den strategiske udviklingsplan »By i balance«',
    date: '2018-06-25',
    outcome: 'approved',
    body: 'byraadet',
    target: 'p-strategisk',
    source: ill('Vedtagelsen og datoen er en plausibel illustration', URL.strategicPlanNews),
  },
  {
    key: 'd-isu-charlotteskolen-2026',
    title: 'Sagen om Charlotteskolens grund udsættes, til ejerskabet er aftalt',
    date: '2026-10-01',
    outcome: 'deferred',
    body: 'isu',
    target: 'charlotteskolen-site',
    source: ill('Udsættelsen er en plausibel illustration', URL.ckSchools),
  },
];

interface ActionSpec {
  key: string;
  title: string;
  status: ActionStatus;
  owner: string;
  due: string;
  meeting?: string;
  target?: string;
  source: Source;
}

const ACTIONS: ActionSpec[] = [
  {
    key: 'a-ejerskabsforslag',
    title: 'Udkast til forslag om ejerskab af Charlotteskolens grund',
    status: 'open',
    owner: 'by-miljoe',
    due: '2026-10-15',
    meeting: 'm-charlotteskolen-2026',
    target: 'charlotteskolen-site',
    source: ASSUMED,
  },
  {
    key: 'a-genhusning-status',
    title: 'Status på genhusningen i Gadehavegård',
    status: 'done',
    owner: 'domea',
    due: '2026-06-30',
    target: 'gh-genhusning',
    source: ASSUMED,
  },
];

// ---------------------------------------------------------------------------------------------
// Saved views, so the header's menu has something to choose on a first visit: four parties of
// Gadehavegård picked and in focus, the housing sector with the municipality, and the
// Gadehavegård plan as it stood in 2019.

interface ViewSpec {
  key: string;
  name: string;
  description: string;
  /** A view state (graph-schema/view-state.ts) with keys instead of ids. */
  state: {
    view?: 'map' | 'backing' | 'grid' | 'list';
    sectors?: Sector[];
    plans?: string[];
    asOf?: string;
    focus?: string[];
    picked?: string[];
  };
}

const GADEHAVEGAARD_PARTIES = ['dfb', 'domea', 'gh-afdbest', 'kommune'];

const VIEWS: ViewSpec[] = [
  {
    key: 'v-gadehavegaard-parter',
    name: 'Gadehavegårds fire parter',
    description: 'Boligselskabet, administrationen, afdelingsbestyrelsen og kommunen i fokus.',
    state: { picked: GADEHAVEGAARD_PARTIES, focus: GADEHAVEGAARD_PARTIES },
  },
  {
    key: 'v-bolig-kommune',
    name: 'Boligorganisationerne og kommunen',
    description: 'Kun boligsektoren og kommunens forvaltninger.',
    state: { sectors: ['housing', 'municipal'] },
  },
  {
    key: 'v-gadehavegaard-2019',
    name: 'Gadehavegård-planen i 2019',
    description: 'Planen og dens indsatser, som de stod, da udviklingsplanen blev vedtaget.',
    state: { plans: ['p-gadehavegaard'], asOf: '2019-06-01' },
  },
];

// ---------------------------------------------------------------------------------------------
// The bundle

/** Copies only the fields that are set, because the create schemas refuse explicit undefined. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const PLAN_KEYS = new Set(PLANS.map((plan) => plan.key));

export function buildDemoBundle(mapId: string = DEMO_MAP_ID): MapBundle {
  const id = (key: string) => seededId(mapId, key);
  const ids = (keys: readonly string[] | undefined) => (keys ? keys.map(id) : undefined);
  const target = (key: string) =>
    PLAN_KEYS.has(key) ? { planId: id(key) } : { initiativeId: id(key) };
  const fact = (options: FactOptions) => ({
    from: options.from,
    to: options.to,
    verifiedAt: options.verifiedAt ?? VERIFIED,
    note: options.note,
    source: options.source,
  });

  return {
    map: defined({
      id: mapId,
      name: 'Høje-Taastrup: strategisk udviklingsplan for tre boligområder',
      description:
        'Demokort over "By i balance", Høje-Taastrup Kommunes strategiske udviklingsplan for ' +
        'Taastrupgaard, Gadehavegård og Charlottekvarteret: hvem der ejer, finansierer og ' +
        'støtter hvad, og hvem der arbejder sammen. Oplysninger markeret som illustrative er ' +
        'plausible eksempler, ikke verificerede fakta.',
      locale: 'da',
      currency: 'DKK',
      settings: { expiryHorizonDays: 365, staleAfterDays: 365 },
    }),
    areas: AREAS.map((area) =>
      defined({ id: id(area.key), name: area.name, description: area.description }),
    ),
    goals: GOALS.map((goal) =>
      defined({
        id: id(goal.key),
        title: goal.title,
        description: goal.description,
        theme: goal.theme,
      }),
    ),
    plans: PLANS.map((plan) =>
      defined({
        id: id(plan.key),
        title: plan.title,
        status: plan.status,
        description: plan.description,
        startDate: plan.startDate,
        endDate: plan.endDate,
        budget: plan.budget,
        source: plan.source,
        areaIds: ids(plan.areas),
        parentId: plan.parent ? id(plan.parent) : undefined,
      }),
    ),
    initiatives: INITIATIVES.map((initiative) =>
      defined({
        id: id(initiative.key),
        title: initiative.title,
        status: initiative.status,
        description: initiative.description,
        startDate: initiative.startDate,
        endDate: initiative.endDate,
        budget: initiative.budget,
        source: initiative.source,
        areaIds: ids(initiative.areas),
        priority: initiative.priority,
        expectedEffect: initiative.effect,
        planId: id(initiative.plan),
        goalIds: ids(initiative.goals),
        dependsOn: ids(initiative.dependsOn),
      }),
    ),
    actors: ACTORS.map((spec) =>
      defined<ActorCreate & { id: string }>({
        id: id(spec.key),
        name: spec.name,
        sector: spec.sector,
        type: spec.type,
        description: spec.description,
        influence: spec.influence,
        interest: spec.interest,
        tags: spec.tags,
        source: spec.source,
        parentId: spec.parent ? id(spec.parent) : undefined,
        areaIds: ids(spec.areas),
      }),
    ),
    forums: FORUMS.map((forum) =>
      defined({
        id: id(forum.key),
        name: forum.name,
        kind: forum.kind,
        description: forum.description,
        source: forum.source,
      }),
    ),
    commitments: COMMITMENTS.map((c) =>
      defined({
        id: id(`commitment:${c.actor}:${c.target}:${c.role}`),
        actorId: id(c.actor),
        ...target(c.target),
        role: c.role,
        status: c.status,
        amount: c.amount,
        fundingType: c.fundingType,
        ...fact(c),
      }),
    ),
    collaborations: COLLABORATIONS.map((c) =>
      defined({
        id: id(`collaboration:${c.a}:${c.b}:${c.kind}`),
        actorAId: id(c.a),
        actorBId: id(c.b),
        kind: c.kind,
        strength: c.strength,
        ...fact(c),
      }),
    ),
    memberships: MEMBERSHIPS.map((m) =>
      defined({
        id: id(`membership:${m.actor}:${m.forum}`),
        actorId: id(m.actor),
        forumId: id(m.forum),
        role: m.role,
        ...fact(m),
      }),
    ),
    stances: STANCES.map((s) =>
      defined({
        id: id(`stance:${s.actor}:${s.target}`),
        actorId: id(s.actor),
        ...target(s.target),
        position: s.position,
        ...fact(s),
      }),
    ),
    meetings: MEETINGS.map((m) =>
      defined({
        id: id(m.key),
        title: m.title,
        date: m.date,
        kind: m.kind,
        status: m.status,
        location: m.location,
        purpose: m.purpose,
        participants: m.participants.map(([actor, sentiment, note]) =>
          defined({ actorId: id(actor), sentiment, note }),
        ),
        topicIds: ids(m.topics),
        notes: m.notes,
        source: m.source,
      }),
    ),
    decisions: DECISIONS.map((d) =>
      defined({
        id: id(d.key),
        title: d.title,
        date: d.date,
        outcome: d.outcome,
        bodyId: id(d.body),
        targetId: id(d.target),
        meetingId: d.meeting ? id(d.meeting) : undefined,
        reference: d.reference,
        source: d.source,
      }),
    ),
    actions: ACTIONS.map((a) =>
      defined({
        id: id(a.key),
        title: a.title,
        status: a.status,
        ownerId: id(a.owner),
        due: a.due,
        meetingId: a.meeting ? id(a.meeting) : undefined,
        targetId: a.target ? id(a.target) : undefined,
        source: a.source,
      }),
    ),
    views: VIEWS.map((v) => ({
      id: id(v.key),
      name: v.name,
      description: v.description,
      state: defined({
        ...v.state,
        plans: ids(v.state.plans),
        focus: ids(v.state.focus),
        picked: ids(v.state.picked),
      }),
    })),
  };
}
