/**
 * Words and phrases of the consortium's clinical vocabulary that look like names and are not:
 * eponyms (Kaposi sarcoma, Hodgkin lymphoma, Addison disease, Epstein-Barr virus), drug and
 * test names, and programme names the definitions use ("Ryan White"). The screen also takes
 * every documented value and code of the table's definition (see `screen.ts`), and a test
 * holds this list to the generator's catalogs and the bundled definitions: none of their
 * values is ever flagged.
 */

/**
 * Words that, right after a capitalized word, make it an eponym rather than a person:
 * "Kaposi sarcoma", "Addison's disease", "Epstein-Barr virus", "Bell palsy".
 */
export const EPONYM_HEADS: ReadonlySet<string> = new Set(
  `disease diseases syndrome syndromes sarcoma lymphoma leukemia leukaemia virus viruses palsy
  disorder test tests sign signs reflex procedure criteria score scale classification tumor tumour
  ulcer ulcers anemia anaemia pneumonia encephalopathy encephalitis meningitis fever cell cells
  node nodes phenomenon maneuver manoeuvre operation fracture cyst cysts body bodies stain
  staining agar method formula equation index type pouch law effect granuloma infection
  thyroiditis dystrophy ataxia chorea nephropathy lesion lesions angina aneurysm cirrhosis
  colitis hernia hepatitis keratitis myopathy neuropathy neuralgia retinopathy contracture
  deformity gland glands duct ducts canal capsule triad sinus space tube valve zone
  inhibitor inhibitors vaccine regimen`
    .split(/\s+/)
    .filter(Boolean),
);

/** Titles before a name ("Dr. Alvarez", "Mrs. Okafor"); never a name on their own. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'dr',
  'doctor',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'prof',
  'professor',
  'rev',
]);

/**
 * Words after which a capitalized surname is a person ("per Alvarez", "spoke with Nguyen",
 * "daughter Maria").
 */
export const NAME_CUES: ReadonlySet<string> = new Set(
  `per by with from to called call calls spoke speak told tell notified informed cc attn seen saw
  see wife husband daughter son mother father sister brother partner friend aunt uncle cousin
  grandmother grandfather niece nephew boyfriend girlfriend spouse caregiver guardian provider
  pcp np pa rn md dds lpn msw lcsw contact contacts signed ordered prescribed referred`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Clinical words that are never a person here, although a name list may hold them (drug,
 * organism, test and programme names, clinical abbreviations).
 */
export const CLINICAL_WORDS: ReadonlySet<string> = new Set(
  `abacavir lamivudine zidovudine tenofovir emtricitabine efavirenz dolutegravir bictegravir
  raltegravir elvitegravir cobicistat darunavir ritonavir atazanavir lopinavir rilpivirine
  etravirine nevirapine doravirine maraviroc enfuvirtide cabotegravir lenacapavir fostemsavir
  ibalizumab islatravir alafenamide disoproxil fumarate trimethoprim sulfamethoxazole
  dapsone atovaquone azithromycin fluconazole valganciclovir acyclovir isoniazid rifampin
  rifabutin ethambutol pyrazinamide bactrim truvada descovy biktarvy genvoya stribild
  triumeq dovato juluca odefsey complera atripla symtuza prezcobix evotaz cabenuva apretude
  sunlenca isentress tivicay prezista reyataz norvir epzicom kivexa combivir trizivir viread
  emtriva sustiva edurant pifeltro delstrigo rukobia trogarzo selzentry fuzeon kaletra
  hemoglobin glucose albumin creatinine platelets cholesterol hiv aids cd4 cd8 rna dna art
  haart arv prep pep tab tabs bid tid qid qd qhs prn po im iv sc subq sq sig rx dx hx tx
  kaposi hodgkin hodgkins pneumocystis pneumocystosis jirovecii carinii candida candidiasis
  cryptococcus cryptococcal cryptosporidium cryptosporidiosis toxoplasma toxoplasmosis
  histoplasma histoplasmosis coccidioides coccidioidomycosis mycobacterium avium kansasii
  cytomegalovirus cmv epstein-barr ebv burkitt burkitts salmonella
  isospora cystoisosporiasis leukoencephalopathy medicaid medicare medi-cal telemedicine
  phq gad acasi walgreens cvs labcorp quest gilead viiv janssen merck adap`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Phrases that are known not to be people, lower case: the examples and programme
 * names. A name found inside one of these (as whole words, any case) is dropped.
 */
export const CLINICAL_PHRASES: readonly string[] = [
  'abacavir',
  'hemoglobin a1c',
  'kaposi sarcoma',
  'pneumocystis pneumonia',
  'hodgkin lymphoma',
  'epstein-barr virus',
  'addison disease',
  "addison's disease",
  'dr. visit',
  'ryan white',
  'ryan white program',
  'ryan white hiv/aids program',
  'men who have sex with men',
  "veteran's administration medical benefits",
];
