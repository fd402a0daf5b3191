using Stance;

// usage: Stance.ColdStart MODEL compiled|mlnet QUOTE: prints the stance label and exits.
ScoringEngine engine = args[1] == "mlnet" ? ScoringEngine.MlNet : ScoringEngine.Compiled;
using StanceClassifier classifier = StanceClassifier.Load(args[0], new ClassifierOptions { Engine = engine });
Console.WriteLine(classifier.Classify(args[2]).Stance!.Label);
