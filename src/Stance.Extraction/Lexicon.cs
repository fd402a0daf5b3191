using System.Collections.Frozen;

namespace Stance.Extraction;

/// <summary>
/// Every closed word list the extractor's rules rest on, in one place and grouped by what the rules
/// use them for: speech verbs, titles and roles, names and bodies, clause structure, sentences.
/// Everything is lower case and compared ignoring case. No other file writes a vocabulary inline
/// (<c>LexiconTests</c> scans the sources for one): a rule that needs a new word list adds it here.
/// </summary>
internal static class Lexicon
{
    // ---- Speech verbs: what makes a sentence an attribution ----

    /// <summary>Verbs that attribute speech whatever follows them ("said", "warned", "urged").</summary>
    public static readonly FrozenSet<string> SpeechVerbs = Set(
        "said", "says", "say", "told", "tells", "added", "adds", "noted", "argued", "argues", "warned", "warns",
        "urged", "urges", "wrote", "writes", "stressed", "stresses", "explained", "explains", "insisted", "insists",
        "suggested", "suggests", "claimed", "declared", "declares", "emphasized", "emphasizes", "emphasised",
        "emphasises", "cautioned", "cautions", "acknowledged", "acknowledges", "contended", "contends", "predicted",
        "predicts", "recalled", "recalls", "remarked", "replied", "replies", "responded", "responds", "asserted",
        "asserts", "mentioned", "mentions", "observed", "observes", "conceded", "concedes", "countered", "complained",
        "complains", "tweeted", "reiterated", "reiterates", "underscored", "underscores", "testified", "testifies",
        "advised", "questioned", "quipped", "reminded", "assured", "described", "describes", "lamented", "laments", "stated", "asked", "asks", "answered", "admitted", "admits",
        "proposed", "proposes", "recommended", "recommends", "vowed", "vows", "pledged", "pledges", "promised",
        "demanded", "denied", "denies", "affirmed", "affirms", "maintained", "maintains", "believes", "believed",
        "thinks", "agreed", "agrees", "announced", "announces", "concluded", "concludes", "continued", "estimated",
        "estimates", "wondered", "speculated", "hopes", "hoped", "fears", "feared", "notes", "states", "claims",
        "pointed", "points", "called", "calls");

    /// <summary>
    /// Speech verbs that are also everyday verbs or nouns ("the notes", "continued to push", "agreed to
    /// meet"): they attribute only with a "that" clause, a quotation, or the statement before them.
    /// </summary>
    public static readonly FrozenSet<string> WeakSpeechVerbs = Set(
        "believes", "believed", "thinks", "agreed", "agrees", "announced", "announces", "concluded", "concludes",
        "continued", "estimated", "estimates", "wondered", "speculated", "hopes", "hoped", "fears", "feared", "notes",
        "states", "claims", "maintained", "maintains", "admitted", "admits", "promised", "vowed", "vows", "pledged",
        "pledges", "demanded", "denied", "denies", "affirmed", "affirms", "answered", "proposed", "proposes",
        "recommended", "recommends", "asked", "asks", "stated", "advised", "called", "calls", "reminded", "assured");

    /// <summary>Verbs that take their statement right after them, object first ("urged Biden to ...", "called for talks").</summary>
    public static readonly FrozenSet<string> ObjectFirstVerbs = Set("urged", "urges", "called", "calls", "advised", "asked", "asks");

    /// <summary>Speech verbs whose object is the listener, skipped before the statement ("told reporters that ...").</summary>
    public static readonly FrozenSet<string> AddresseeVerbs = Set("told", "tells", "reminded", "assured");

    /// <summary>Speech verbs only with "out" after them ("pointed out").</summary>
    public static readonly FrozenSet<string> PointVerbs = Set("pointed", "points");

    /// <summary>"called", which names a demand with "for" or "on" after it and is weak otherwise.</summary>
    public static readonly FrozenSet<string> CallVerbs = Set("called", "calls");

    /// <summary>What makes "called" name a demand: "called for talks", "called on Beijing to ...".</summary>
    public static readonly FrozenSet<string> CallParticles = Set("for", "on");

    /// <summary>Participles of the source pattern "as indicated by X".</summary>
    public static readonly FrozenSet<string> IndicatedByVerbs = Set("indicated", "noted", "stated");

    /// <summary>Participles that open a further reported statement after an attribution ("..., he said, adding that ...").</summary>
    public static readonly FrozenSet<string> ReportingParticiples = Set(
        "adding", "noting", "saying", "arguing", "warning", "stressing", "explaining", "insisting", "suggesting",
        "cautioning", "emphasizing", "emphasising", "acknowledging", "contending", "predicting", "urging", "telling");

    /// <summary>Words between a subject and its speech verb that leave the attribution intact ("has said", "also warned").</summary>
    public static readonly FrozenSet<string> PreVerbWords = Set(
        "also", "later", "then", "once", "has", "have", "had", "recently", "previously", "repeatedly", "further",
        "reportedly", "earlier", "separately", "similarly", "publicly", "privately", "again", "flatly", "bluntly",
        "simply", "still", "already", "even", "often", "frequently", "last", "week", "month", "year", "on", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today");

    /// <summary>Words before a verb that make it something other than an attribution ("was told", "declined to say", "did not say").</summary>
    public static readonly FrozenSet<string> VerbBlockers = Set(
        "was", "were", "is", "are", "be", "been", "being", "get", "got", "to", "not", "never", "would", "will",
        "could", "might", "may", "should", "must", "can", "didn’t", "didn't", "doesn’t", "doesn't", "won’t",
        "won't", "cannot", "the", "a", "an", "his", "her", "their", "its", "our", "these", "those", "whose", "and", "or");

    // ---- Titles and roles: what a title before a name or an appositive after it says ----

    /// <summary>Titles written before a name. They are part of a role, never of a name.</summary>
    public static readonly FrozenSet<string> Titles = Set(
        "president", "vice", "sen.", "senator", "rep.", "representative", "secretary", "minister", "commander",
        "gen.", "general", "adm.", "admiral", "ambassador", "amb.", "gov.", "governor", "mayor", "chairman",
        "chairwoman", "chair", "director", "professor", "prof.", "dr.", "mr.", "mrs.", "ms.", "mx.", "miss", "lt.",
        "col.", "maj.", "capt.", "sgt.", "cmdr.", "rev.", "sir", "dame", "lord", "lady", "king", "queen", "prince",
        "princess", "pope", "premier", "chancellor", "speaker", "leader", "deputy", "chief", "former", "acting",
        "special", "envoy", "spokesman", "spokeswoman", "spokesperson", "judge", "justice", "sheikh", "ayatollah",
        "marshal", "colonel", "major", "captain", "lieutenant", "sergeant", "commissioner", "undersecretary",
        "under", "assistant", "attorney", "senior", "prime", "dean", "congressman", "congresswoman", "lawmaker");

    /// <summary>Titles of courtesy, which tell a gender (or nothing) but no role.</summary>
    public static readonly FrozenDictionary<string, Gender> CourtesyTitles = new Dictionary<string, Gender>(StringComparer.OrdinalIgnoreCase)
    {
        ["mr."] = Gender.Male,
        ["sir"] = Gender.Male,
        ["mrs."] = Gender.Female,
        ["ms."] = Gender.Female,
        ["miss"] = Gender.Female,
        ["dame"] = Gender.Female,
        ["lady"] = Gender.Female,
        ["dr."] = Gender.Unknown,
        ["mx."] = Gender.Unknown,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Abbreviated titles and how a role spells them out.</summary>
    public static readonly FrozenDictionary<string, string> TitleAbbreviations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["sen."] = "Senator",
        ["rep."] = "Representative",
        ["gen."] = "General",
        ["adm."] = "Admiral",
        ["gov."] = "Governor",
        ["amb."] = "Ambassador",
        ["prof."] = "Professor",
        ["lt."] = "Lieutenant",
        ["col."] = "Colonel",
        ["maj."] = "Major",
        ["capt."] = "Captain",
        ["sgt."] = "Sergeant",
        ["cmdr."] = "Commander",
        ["rev."] = "Reverend",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gendered titles and role nouns, which tell a speaker's gender for pronoun resolution.</summary>
    public static readonly FrozenDictionary<string, Gender> GenderedTitles = new Dictionary<string, Gender>(StringComparer.OrdinalIgnoreCase)
    {
        ["congresswoman"] = Gender.Female,
        ["chairwoman"] = Gender.Female,
        ["spokeswoman"] = Gender.Female,
        ["queen"] = Gender.Female,
        ["princess"] = Gender.Female,
        ["congressman"] = Gender.Male,
        ["chairman"] = Gender.Male,
        ["spokesman"] = Gender.Male,
        ["king"] = Gender.Male,
        ["prince"] = Gender.Male,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Nouns that make a phrase a description of a person's role (or of the body they belong to).</summary>
    public static readonly FrozenSet<string> RoleNouns = Set(
        "director", "professor", "researcher", "fellow", "analyst", "expert", "official", "spokesperson",
        "spokesman", "spokeswoman", "diplomat", "envoy", "ambassador", "minister", "secretary", "president",
        "chairman", "chairwoman", "chair", "chief", "head", "leader", "commander", "general", "admiral", "officer",
        "adviser", "advisor", "coordinator", "representative", "senator", "lawmaker", "legislator", "congressman",
        "congresswoman", "member", "scholar", "lecturer", "economist", "author", "editor", "founder", "co-founder",
        "cofounder", "negotiator", "strategist", "consultant", "correspondent", "journalist", "reporter", "veteran",
        "governor", "mayor", "deputy", "assistant", "associate", "manager", "executive", "partner", "counsel",
        "lawyer", "attorney", "historian", "specialist", "observer", "scientist", "dean", "administrator", "staffer",
        "aide", "defector", "activist", "advocate", "candidate", "nominee", "premier", "chancellor", "monarch",
        "ruler", "dictator", "colonel", "lieutenant", "captain", "sergeant", "student", "teacher", "pastor",
        "priest", "owner", "ceo", "investor", "banker", "engineer", "physicist", "inspector", "delegate",
        "interpreter", "translator", "commentator", "columnist", "pollster", "bureaucrat", "regulator", "prosecutor",
        "judge", "justice", "attaché", "attache", "counselor", "councillor", "councilor", "commissioner",
        "rapporteur", "firm", "group", "organization", "organisation", "institute", "center", "centre", "tank",
        "think-tank", "university", "foundation", "council", "agency", "company", "nonprofit", "non-profit",
        "program", "programme", "department", "ministry", "office", "committee", "panel", "body", "bank", "fund",
        "association", "consultancy", "publication", "newspaper", "outlet", "lab", "laboratory", "college",
        "school", "academy", "coalition", "chairperson", "vice-president", "vice-chairman", "principal", "president-elect",
        "speaker", "host", "anchor", "producer", "physician", "doctor", "nurse", "soldier", "pilot", "monk",
        "resident", "citizen", "mother", "father", "survivor", "witness", "source", "sources", "officials", "democrat",
        "republican", "independent", "conservative", "liberal");

    /// <summary>Lower-case words that may stand in a title before a name ("former", "then", "deputy").</summary>
    public static readonly FrozenSet<string> RoleModifiers = Set(
        "former", "then", "senior", "top", "chief", "deputy", "acting", "retired", "veteran", "longtime", "ex",
        "current", "outgoing", "incoming", "new", "special", "leading", "prominent", "influential", "independent",
        "conservative", "liberal", "progressive", "republican", "democratic", "ruling", "opposition", "foreign",
        "defense", "defence", "military", "civilian", "nuclear",
        "principal", "assistant", "associate", "vice", "visiting", "adjunct", "executive", "regional", "national",
        "state", "department", "policy", "security", "research", "sanctions", "intelligence", "unification",
        "trade", "finance", "economic", "government", "party", "u.s.", "un", "u.n.");

    /// <summary>Small words that may join the words of a title ("Secretary of State", "Minister for Unification").</summary>
    public static readonly FrozenSet<string> TitleConnectors = Set("of", "for", "on", "and", "the", "to", "at", "in");

    /// <summary>Prepositions inside a title or a body's name that a capitalized word follows ("Secretary of State", "Minister for Unification").</summary>
    public static readonly FrozenSet<string> TitlePrepositions = Set("of", "for");

    /// <summary>Adverbs that may open an appositive role ("now a visiting scholar at ...").</summary>
    public static readonly FrozenSet<string> RoleAdverbs = Set("now", "currently", "also", "formerly", "then", "once", "still", "later", "previously", "until", "recently");

    /// <summary>Determiners left off the front of a role ("Its lead author" -> "lead author").</summary>
    public static readonly FrozenSet<string> DroppedRoleDeterminers = Set("the", "its", "their", "his", "her", "our");

    /// <summary>Copulas dropped from the front of a role in a relative clause ("who is a professor at ...").</summary>
    public static readonly FrozenSet<string> Copulas = Set("is", "was");

    // ---- Names, bodies and places: which capitalized words name a person ----

    /// <summary>Capitalized words that name organizations, bodies and things, never a person.</summary>
    public static readonly FrozenSet<string> OrganizationWords = Set(
        "department", "ministry", "command", "council", "committee", "agency", "administration", "foundation",
        "institute", "institution", "university", "college", "school", "center", "centre", "party", "congress",
        "senate", "house", "assembly", "parliament", "service", "office", "bureau", "forces", "force", "army", "navy",
        "corps", "group", "association", "corporation", "company", "bank", "fund", "program", "programme", "project",
        "studies", "affairs", "security", "defense", "defence", "treasury", "commission", "court", "union", "nations",
        "alliance", "organization", "organisation", "society", "network", "news", "times", "post", "herald",
        "journal", "daily", "press", "media", "radio", "television", "review", "initiative", "coalition",
        "federation", "authority", "board", "cabinet", "government", "embassy", "mission", "club", "academy",
        "laboratory", "museum", "trust", "partners", "associates", "consulting", "relations", "foreign",
        "international", "national", "central", "global", "strategic", "policy", "research", "peace", "development",
        "economic", "public", "federal", "republic", "kingdom", "democratic", "pentagon", "kremlin", "capitol",
        "station", "summit", "conference", "forum", "talks", "treaty", "agreement", "accord", "framework",
        "declaration", "act", "resolution", "sanctions", "war", "campaign", "operation", "exercise", "plan",
        "strategy", "doctrine", "fleet", "guard", "police", "intelligence", "air", "marine", "marines", "coast",
        "reserve", "market", "exchange", "index", "street", "tank", "analytics",
        "state", "states", "united", "church", "hospital", "airport", "port", "province", "city", "county", "district",
        "region", "zone", "base", "fellowship", "endowment", "brookings",
        "cna", "csis", "voa", "kcna", "yonhap", "reuters", "ap", "afp", "bbc", "cnn",
        "nhk", "xinhua", "tass");

    /// <summary>Small words inside the name of a body ("Council on Foreign Relations", "Ministry of Unification").</summary>
    public static readonly FrozenSet<string> OrganizationConnectors = Set("of", "for", "on");

    /// <summary>Countries, capitals, regions and their adjectives: a capitalized phrase of these is a place.</summary>
    public static readonly FrozenSet<string> Places = Set(
        "korea", "korean", "koreans", "koreas", "north", "south", "east", "west", "northeast", "southeast", "america",
        "american", "americans", "china", "chinese", "japan", "japanese", "russia", "russian", "iran", "iranian",
        "iraq", "iraqi", "syria", "syrian", "cuba", "cuban", "venezuela", "venezuelan", "libya", "libyan", "israel",
        "israeli", "ukraine", "ukrainian", "taiwan", "taiwanese", "india", "indian", "pakistan", "pakistani",
        "britain", "british", "england", "english", "france", "french", "germany", "german", "europe", "european",
        "asia", "asian", "pacific", "indo-pacific", "atlantic", "arctic", "africa", "african", "washington", "seoul",
        "pyongyang", "beijing", "tokyo", "moscow", "tehran", "kyiv", "kiev", "havana", "caracas", "damascus",
        "geneva", "vienna", "brussels", "london", "paris", "berlin", "singapore", "hanoi", "vietnam", "panmunjom",
        "yongbyon", "kaesong", "busan", "osaka", "okinawa", "guam", "hawaii", "new", "york", "u.s.", "usa",
        "u.s.a.", "u.n.", "u.k.", "uk", "eu", "e.u.", "nato", "iaea", "dprk", "rok", "prc", "middle", "gulf",
        "sea", "peninsula", "strait", "mediterranean", "persian", "hormuz", "crimea", "donbas", "mount", "lake",
        "river", "western", "eastern", "northern", "southern", "world", "island", "islands", "canada", "canadian",
        "australia", "australian", "mongolia", "philippines", "indonesia", "thailand", "myanmar", "belarus",
        "minsk", "riyadh", "saudi", "arabia", "turkey", "ankara", "egypt", "cairo", "mexico", "brazil", "sweden",
        "stockholm", "norway", "oslo", "switzerland", "swiss", "bern", "qatar", "doha", "oman", "muscat", "dubai");

    /// <summary>Capitalized words that are not names: months, days, pronouns and the usual sentence openers.</summary>
    public static readonly FrozenSet<string> NotNames = Set(
        "january", "february", "march", "july", "september", "october", "november", "december", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "the", "a", "an",
        "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their",
        "our", "my", "your", "but", "and", "or", "nor", "so", "yet", "in", "on", "at", "as", "for", "with", "if",
        "while", "when", "after", "before", "since", "although", "though", "because", "according", "however",
        "meanwhile", "still", "also", "then", "there", "here", "what", "why", "how", "who", "whom", "whose", "where",
        "which", "such", "some", "many", "most", "both", "all", "each", "every", "other", "another", "no", "not",
        "now", "today", "yesterday", "last", "next", "earlier", "later", "contrarily", "instead", "moreover",
        "furthermore", "nevertheless", "indeed", "thus", "even", "only", "just", "once", "despite", "unlike", "like",
        "amid", "following", "during", "under", "over", "from", "to", "by", "of", "into", "about", "against",
        "between", "among", "through", "without", "within", "until", "toward", "towards", "breaking", "original",
        "right", "early", "first", "second", "third", "one", "two", "three", "several", "editor’s", "editor's",
        "note", "photo", "source", "read", "more", "related", "advertisement", "copyright", "asked", "speaking",
        "yes", "well", "oh", "please", "thank", "thanks", "dear", "god", "christmas", "easter", "ramadan",
        "lunar", "year", "new", "world", "state", "federal", "internet", "web", "online", "twitter", "facebook");

    /// <summary>Particles inside names ("Ban Ki-moon", "Ursula von der Leyen", "Mohammed bin Salman").</summary>
    public static readonly FrozenSet<string> NameParticles = Set("de", "da", "di", "del", "della", "der", "den", "van", "von", "bin", "binti", "ibn", "al", "el", "la", "le", "du", "dos", "ter", "y");

    /// <summary>Small words inside a subject phrase of names and bodies ("Joint Chiefs of Staff", "Smith and Jones").</summary>
    public static readonly FrozenSet<string> SubjectConnectors = Set("of", "and");

    // ---- Clause structure: the small words that open adverbials, clauses and subjects ----

    /// <summary>Words that open an adverbial phrase or clause rather than a subject ("While ...", "In a statement", "Contrarily").</summary>
    public static readonly FrozenSet<string> AdverbialOpeners = Set(
        "while", "when", "whenever", "as", "after", "before", "since", "although", "though", "because", "if",
        "unless", "in", "at", "on", "during", "earlier", "later", "last", "this", "speaking", "asked", "meanwhile",
        "however", "but", "and", "yet", "still", "also", "separately", "contrarily", "instead", "for", "from", "with",
        "without", "by", "under", "over", "despite", "unlike", "like", "amid", "amidst", "following", "ahead",
        "until", "once", "now", "today", "yesterday", "recently", "previously", "moreover", "furthermore",
        "nevertheless", "nonetheless", "indeed", "thus", "therefore", "hence", "so", "then", "elsewhere", "overall",
        "again", "notably", "similarly", "likewise", "conversely", "accordingly", "finally", "first", "second",
        "third", "lastly", "of", "to", "into", "onto", "upon", "within", "about", "around", "through", "throughout",
        "against", "among", "between", "beyond", "near", "toward", "towards", "via", "per", "regarding",
        "concerning", "writing", "testifying", "addressing", "responding", "in", "back", "shortly", "days", "weeks",
        "months", "years", "hours", "minutes", "not", "for", "or", "nor", "where", "whereas", "whether", "given",
        "according");

    /// <summary>Prepositions and time words that open an adjunct after a speech verb ("said in February that ...").</summary>
    public static readonly FrozenSet<string> AdjunctOpeners = Set(
        "in", "at", "on", "during", "to", "before", "after", "from", "with", "via", "through", "over", "under", "for",
        "about", "by", "last", "this", "earlier", "later", "yesterday", "today", "tomorrow", "when", "while",
        "shortly", "recently", "again", "also", "then", "privately", "publicly", "separately", "repeatedly", "flatly",
        "bluntly", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "late", "early", "overnight", "afterward", "afterwards", "later", "once", "more", "twice",
        "frankly", "candidly", "softly", "firmly", "angrily", "calmly", "simply", "only", "briefly", "recently",
        "last", "speaking", "writing", "testifying", "addressing", "responding", "citing", "referring", "commenting");

    /// <summary>Short comma-set words that are neither role nor statement ("..., however, ...").</summary>
    public static readonly FrozenSet<string> DiscourseWords = Set(
        "however", "though", "meanwhile", "too", "also", "moreover", "furthermore", "nonetheless", "nevertheless",
        "instead", "still", "indeed", "notably", "therefore", "thus", "then", "again", "similarly", "likewise",
        "conversely", "though", "in", "by", "for", "of", "as", "for", "example", "instance", "contrast", "fact",
        "course", "particular", "addition", "turn", "well", "now", "today", "yesterday", "earlier", "later",
        "frankly", "so", "after", "all");

    /// <summary>Conjunctions and sentence adverbs that may open a subject or a statement and belong to neither.</summary>
    public static readonly FrozenSet<string> LeadingConjunctions = Set(
        "but", "and", "yet", "so", "or", "still", "now", "meanwhile", "however", "also", "then", "instead", "indeed",
        "moreover", "thus", "nor");

    /// <summary>Subject pronouns that stand for a speaker named before.</summary>
    public static readonly FrozenSet<string> Pronouns = Set("he", "she", "they", "it");

    /// <summary>Object pronouns: the listener after "told" ("told me that ...").</summary>
    public static readonly FrozenSet<string> ObjectPronouns = Set("me", "us", "him", "her", "them", "you");

    /// <summary>Words that open a relative clause.</summary>
    public static readonly FrozenSet<string> RelativePronouns = Set("who", "which", "whose", "whom", "that", "where", "what");

    /// <summary>Auxiliaries, modals and copulas: a phrase holding one is a clause, not a role.</summary>
    public static readonly FrozenSet<string> Auxiliaries = Set(
        "is", "are", "was", "were", "will", "would", "should", "could", "can", "may", "might", "must", "has", "have",
        "had", "does", "do", "did", "isn’t", "isn't", "aren’t", "aren't", "won’t", "won't", "wouldn’t", "wouldn't",
        "can’t", "can't", "cannot", "shouldn’t", "shouldn't", "hasn’t", "hasn't", "haven’t", "haven't", "doesn’t",
        "doesn't", "didn’t", "didn't", "wasn’t", "wasn't", "weren’t", "weren't", "it’s", "it's", "remains", "remain",
        "needs", "need", "seems", "appears", "wants", "plans", "means", "makes", "gives", "takes", "allowed",
        "allows", "shows", "proves", "risks", "threatens");

    /// <summary>Determiners: a name right after one is a modifier ("the Biden administration"), not a subject.</summary>
    public static readonly FrozenSet<string> Determiners = Set(
        "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your", "every", "each", "any", "some");

    /// <summary>Articles.</summary>
    public static readonly FrozenSet<string> Articles = Set("the", "a", "an");

    /// <summary>Prepositions that make the name after them an object, not the subject ("the report by Smith").</summary>
    public static readonly FrozenSet<string> ObjectPrepositions = Set("by", "with", "of", "to");

    // ---- Sentences: abbreviations and the words that may open a sentence ----

    /// <summary>Words ending in a period that do not end a sentence.</summary>
    public static readonly FrozenSet<string> Abbreviations = Set(
        "sen", "rep", "dr", "mr", "mrs", "ms", "mx", "gen", "lt", "col", "maj", "capt", "sgt", "cmdr", "adm", "gov",
        "amb", "prof", "rev", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "aug",
        "sept", "sep", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "est");

    /// <summary>Words that may open a sentence right after a dotted abbreviation such as "U.S.".</summary>
    public static readonly FrozenSet<string> SentenceStarters = Set(
        "the", "he", "she", "it", "they", "we", "i", "but", "and", "in", "this", "that", "a", "an", "on", "at", "as",
        "after", "when", "while", "however", "its", "his", "her", "their", "there", "some", "many", "according", "yet");

    // ---- Given names ----

    /// <summary>Given names common enough in news copy to tell a gender, for pronoun resolution.</summary>
    public static readonly FrozenDictionary<string, Gender> GivenNames = BuildGivenNames();

    private static FrozenDictionary<string, Gender> BuildGivenNames()
    {
        string[] female =
        [
            "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen",
            "nancy", "lisa", "margaret", "betty", "sandra", "ashley", "dorothy", "kimberly", "emily", "donna",
            "michelle", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "laura", "sharon", "cynthia",
            "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole", "samantha",
            "katherine", "christine", "catherine", "emma", "ruth", "julie", "olivia", "victoria", "hillary",
            "condoleezza", "madeleine", "wendy", "sue", "jane", "joan", "judith", "rachel", "hannah", "alice", "clara",
            "grace", "irene", "marta", "maria", "sofia", "sophie", "elena", "ingrid", "greta", "annika", "leila",
            "fatima", "aisha", "priya", "mei", "yuko", "yuki", "hana", "soo-jin", "min-ji", "ji-yeon", "kang-wha",
            "yo-jong", "ursula", "kamala", "nikki", "samantha", "linda", "ellen", "diane", "marie", "claire", "lucy",
            "nora", "vera", "eva", "ines", "beatriz", "camila", "lena", "nadia", "tanya", "olga", "irina", "svetlana",
            "amina", "zainab", "mariam", "leah", "julia", "helga", "agnes", "hanna", "ruth", "dana", "janelle", "caroline",
        ];
        string[] male =
        [
            "james", "robert", "john", "michael", "david", "william", "richard", "joseph", "thomas", "charles",
            "christopher", "daniel", "matthew", "anthony", "antony", "mark", "donald", "steven", "paul", "andrew",
            "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan",
            "jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon",
            "benjamin", "samuel", "gregory", "frank", "alexander", "raymond", "patrick", "jack", "dennis", "jerry",
            "tyler", "aaron", "jose", "adam", "henry", "nathan", "douglas", "zachary", "peter", "kyle", "walter",
            "ethan", "jeremy", "harold", "keith", "christian", "roger", "noah", "gerald", "carl", "terry", "sean",
            "austin", "arthur", "lawrence", "jesse", "dylan", "bryan", "joe", "jordan", "billy", "bruce", "albert",
            "willie", "gabriel", "logan", "alan", "juan", "wayne", "roy", "ralph", "randy", "eugene", "vincent",
            "russell", "elijah", "louis", "bobby", "philip", "phillip", "johnny", "ned", "ken", "kurt", "evans",
            "lloyd", "barack", "ro", "victor", "hans", "klaus", "pierre", "jean", "luis", "carlos", "pedro", "ivan",
            "sergei", "dmitri", "vladimir", "igor", "ahmed", "mohammed", "muhammad", "ali", "omar", "hassan",
            "hiroshi", "takeshi", "kenji", "wei", "jun", "min-ho", "jae-in", "suk-yeol", "jong-un", "hugo", "oscar",
            "felix", "lars", "erik", "anders", "marco", "luca", "giovanni", "tom", "tim", "jim", "bill", "bob", "mike",
            "dave", "dan", "matt", "ben", "sam", "max", "leo", "theo", "owen", "colin", "neil", "graham", "ian",
            "jonas", "tobias", "lucas", "marcus", "gregory", "rupert", "reza", "warren", "omar", "pavel", "dmitri",
        ];
        var names = new Dictionary<string, Gender>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in female)
        {
            names[name] = Gender.Female;
        }

        foreach (string name in male)
        {
            names[name] = Gender.Male;
        }

        return names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
