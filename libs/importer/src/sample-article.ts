/**
 * Demo data that `npm start` imports: our own short article in the shape of the real fixture
 * (plain text, a lead sentence, headed sections, numbered citation markers, a dosage list and a
 * `References` list). Two things are deliberately left for reviewers to find: sentences with no
 * citation, and reference [9], cited but missing from the list (it imports as unresolved).
 * The listed references are real publications; the wording is written for this service.
 */
export const SAMPLE_ARTICLE = {
  title: 'Creatine Monohydrate: What the Research Shows',
  text: [
    'Creatine monohydrate is one of the most extensively studied dietary supplements and is mainly used to support short, high-intensity exercise.[1]',
    'What Is Creatine?',
    'Creatine is made in the body from the amino acids arginine, glycine and methionine, and it is also obtained from meat and fish.[2][3]',
    'About 95% of the body’s creatine is stored in skeletal muscle, much of it as phosphocreatine, which helps regenerate ATP during brief, intense efforts (i.e., sprints and heavy lifts).[1]',
    'A typical mixed diet supplies about 1 to 2 g per day, and people who eat no meat tend to have lower muscle creatine stores.[1]',
    'Effects on Exercise Performance',
    'Meta-analyses of controlled trials report small but consistent gains in strength and short-duration power when supplementation accompanies resistance training.[4, 5]',
    'The benefit is larger for repeated short sprints and lifting than for endurance exercise lasting several minutes or longer.[4]',
    'In older adults, adding creatine to resistance training appears to increase lean mass and strength more than training alone.[9]',
    'Effects on memory and reasoning in healthy people have been studied far less, and the results so far are modest and inconsistent.[7]',
    'Not everyone responds in the same way, and people whose diet is already rich in meat may notice little change.',
    'Dosage',
    'A common regimen starts with a loading phase of approx. 0.3 g per kg of body weight per day, about 20 g for most adults split into four doses, for 5–7 days.[1]',
    'Taking 3 g per day without a loading phase raises muscle stores to a similar level, but it takes about four weeks.[6]',
    '- Loading (optional): 20 g per day in four doses of 5 g, for 5–7 days',
    '- Maintenance: 3–5 g per day',
    'Safety',
    'In healthy adults, long-term use at recommended doses has not been shown to impair kidney function.[8]',
    'Creatine supplementation can raise blood creatinine, the breakdown product laboratories use to estimate kidney function, so test results should be read with supplementation in mind.[2]',
    'The most commonly reported effect is a small gain in body weight during the first week, largely water held in muscle.[1]',
    'People with kidney disease, and those who are pregnant or breastfeeding, should talk to a doctor before taking creatine.',
    'References',
    '1. Kreider RB, Kalman DS, Antonio J, et al. International Society of Sports Nutrition position stand: safety and efficacy of creatine supplementation in exercise, sport, and medicine. J Int Soc Sports Nutr. 2017;14:18. https://doi.org/10.1186/s12970-017-0173-z',
    '2. Wyss M, Kaddurah-Daouk R. Creatine and creatinine metabolism. Physiol Rev. 2000;80(3):1107-1213. https://doi.org/10.1152/physrev.2000.80.3.1107',
    '3. Brosnan JT, Brosnan ME. Creatine: endogenous metabolite, dietary, and therapeutic supplement. Annu Rev Nutr. 2007;27:241-261.',
    '4. Branch JD. Effect of creatine supplementation on body composition and performance: a meta-analysis. Int J Sport Nutr Exerc Metab. 2003;13(2):198-226.',
    '5. Lanhers C, Pereira B, Naughton G, et al. Creatine supplementation and upper limb strength performance: a systematic review and meta-analysis. Sports Med. 2017;47(1):163-173.',
    '6. Hultman E, Söderlund K, Timmons JA, Cederblad G, Greenhaff PL. Muscle creatine loading in men. J Appl Physiol. 1996;81(1):232-237.',
    '7. Avgerinos KI, Spyrou N, Bougioukas KI, Kapogiannis D. Effects of creatine supplementation on cognitive function of healthy individuals: a systematic review of randomized controlled trials. Exp Gerontol. 2018;108:166-173.',
    '8. Poortmans JR, Francaux M. Long-term oral creatine supplementation does not impair renal function in healthy athletes. Med Sci Sports Exerc. 1999;31(8):1108-1110.',
    '',
  ].join('\n'),
} as const;
