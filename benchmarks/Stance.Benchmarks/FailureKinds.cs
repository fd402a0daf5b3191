using System.Text.RegularExpressions;

namespace Stance.Benchmarks;

/// <summary>
/// The taxonomy of the argument patterns real quotes use and the round-1 models got wrong, as
/// detectors over a quote's text (and its gold stance and speaker role, for the kinds defined by
/// them), so the same kinds can be counted on the dev set before and after a change, and on the
/// corpus to see how much of each it teaches. The detectors are deliberately simple word patterns:
/// they find candidates of a kind, not every instance; a quote can be of several kinds.
/// </summary>
internal static partial class FailureKinds
{
    public const string NegationOrCondition = "recommendation by negation or condition";
    public const string RhetoricalQuestion = "rhetorical question";
    public const string PastPolicy = "criticism or defence of a past policy or deal";
    public const string EngagementWordsForPressure = "engagement words in a pressure argument";
    public const string PressureWordsForEngagement = "pressure words in an engagement argument";
    public const string PessimismWithRecommendation = "pessimism with a recommendation";
    public const string PessimismWithoutRecommendation = "pessimism without a recommendation";
    public const string OwnSideWarning = "own-side warning (a strike, a war, empty threats)";
    public const string PraiseOfOutcome = "praise of an outcome";
    public const string DiplomaticLanguage = "foreign officials' diplomatic language";
    public const string LongQuote = "long quote (3+ sentences or 45+ words)";

    public static IReadOnlyList<string> All { get; } =
    [
        NegationOrCondition, RhetoricalQuestion, PastPolicy, EngagementWordsForPressure, PressureWordsForEngagement,
        PessimismWithRecommendation, PessimismWithoutRecommendation, OwnSideWarning, PraiseOfOutcome, DiplomaticLanguage, LongQuote,
    ];

    /// <summary>The kinds a quote is of.</summary>
    public static IEnumerable<string> Of(string text, string goldStance, string role)
    {
        bool recommends = Recommendation().IsMatch(text);
        bool pessimistic = Pessimism().IsMatch(text);
        if (recommends && (Negation().IsMatch(text) || Condition().IsMatch(text)))
        {
            yield return NegationOrCondition;
        }

        if (text.Contains('?'))
        {
            yield return RhetoricalQuestion;
        }

        if (PastPolicyName().IsMatch(text) && PastTense().IsMatch(text))
        {
            yield return PastPolicy;
        }

        if (goldStance == "pro-pressure" && EngagementWords().IsMatch(text))
        {
            yield return EngagementWordsForPressure;
        }

        if (goldStance == "pro-engagement" && PressureWords().IsMatch(text))
        {
            yield return PressureWordsForEngagement;
        }

        if (pessimistic)
        {
            yield return recommends ? PessimismWithRecommendation : PessimismWithoutRecommendation;
        }

        if (OwnSideForce().IsMatch(text) && Danger().IsMatch(text))
        {
            yield return OwnSideWarning;
        }

        if (Praise().IsMatch(text))
        {
            yield return PraiseOfOutcome;
        }

        if (ForeignRole().IsMatch(role) || DiplomaticFormula().IsMatch(text))
        {
            yield return DiplomaticLanguage;
        }

        int sentences = Sentence().Split(text.Trim()).Count(s => s.Length > 0);
        if (sentences >= 3 || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 45)
        {
            yield return LongQuote;
        }
    }

    [GeneratedRegex(@"\b(should|must|need(s)? to|have to|has to|ought|urge|let's|let us|we will|we'll|we are (going|prepared|ready) to|it is time|time to|cannot afford|the (right|best|only) (way|course|step))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Recommendation();

    [GeneratedRegex(@"\b(not|no|never|nothing|without|neither|nor)\b|n't\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(if|unless|until|as long as|only when|provided|on condition)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Condition();

    [GeneratedRegex(@"\b(agreed framework|six-party|jcpoa|nuclear deal|the deal|the agreement|agreement|summit|strategic patience|maximum pressure|sunshine|kaesong|singapore|hanoi|19\d\d|20\d\d|obama|bush|clinton|trump|administration|the last (round|deal|time)|in the past|before)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PastPolicyName();

    [GeneratedRegex(@"\b(was|were|did|had|failed|gave|made|signed|tried|walked|rewarded|closed|went|got)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PastTense();

    [GeneratedRegex(@"\b(talk(s|ing)?|negotiat\w*|diplomac\w*|dialogue|deal|agreement|summit|engag\w*|table|meeting|relief)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EngagementWords();

    [GeneratedRegex(@"\b(sanction\w*|pressure|military|strike\w*|threat\w*|force|deterr\w*|punish\w*|isolat\w*|embargo)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PressureWords();

    [GeneratedRegex(@"\b(never|not going to|won't|will not|impossible|not possible|fail(ed|ure|s)?|doubt|no progress|not realistic|worse|unlikely|nothing will|cannot|can't)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pessimism();

    [GeneratedRegex(@"\b(strike|war|military option|preventive|preemptive|threats?|conflict|escalat\w*|bomb\w*|attack)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnSideForce();

    [GeneratedRegex(@"\b(contain|catastroph\w*|disaster|dangerous|risk|can't|cannot|millions|casualt\w*|reckless|operationali[sz]e|empty)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Danger();

    [GeneratedRegex(@"\b(worked|working|encouraging|success\w*|useful|positive|better|progress|remarkable|welcome\w*|good|constructive|promising|historic)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Praise();

    [GeneratedRegex(@"(chinese|russian|south korean|japanese|european|un official|iaea)", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignRole();

    [GeneratedRegex(@"\b(all parties|restraint|dialogue and (consultation|negotiation)|peace and stability|peninsula issue|political settlement|peaceful (means|resolution))\b", RegexOptions.IgnoreCase)]
    private static partial Regex DiplomaticFormula();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex Sentence();
}
