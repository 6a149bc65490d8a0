/**
 * The report's messages and hints in Québec French, one entry per issue code (namespace
 * `issues`). Written from each issue's structured fields (issueParams.ts: count, column,
 * lines, examples, distinct, pattern, kind, fix) so the rules stay untouched; a variant of a
 * code is an i18next context (`message_header`), counts are plurals. English needs no
 * templates: the English report says what the rules wrote. A test lists every code of
 * ISSUE_CODES and fails when one has no French message or hint here.
 */
export const issuesFr = {
  // --- the whole file ----------------------------------------------------------------------
  'empty-file': {
    message: 'Le fichier n’a pas de ligne d’en-tête : il ne contient que des lignes vides.',
    message_zero: 'Le fichier est vide (0 octet).',
    hint: 'Exportez la table de données de nouveau et vérifiez que l’export s’est terminé : la première ligne doit nommer les colonnes.',
  },
  'not-csv': {
    message: 'Ce n’est pas un fichier CSV : c’est {{what}}.',
    hint: 'Enregistrez ou exportez la table au format « CSV (séparateur : virgule) » et ajoutez ce fichier-là.',
  },
  encoding: {
    message:
      'Le fichier n’est pas en UTF-8 : il est en {{encoding}}. Courier l’a converti en UTF-8.',
    hint: 'Vérifiez que les lettres accentuées s’affichent correctement dans le rapport. La prochaine fois, exportez en « CSV UTF-8 ».',
  },
  'invalid-encoding': {
    message_one:
      '{{count, number}} séquence d’octets ne peut pas être lue comme du texte {{encoding}}{{where}}. Elle a été remplacée par « � ».',
    message_other:
      '{{count, number}} séquences d’octets ne peuvent pas être lues comme du texte {{encoding}}{{where}}. Elles ont été remplacées par « � ».',
    hint: 'Ouvrez le fichier à la première ligne indiquée et retapez les caractères illisibles, ou exportez la table de nouveau en « CSV UTF-8 ».',
  },
  bom: {
    message: 'Le fichier commence par une marque d’ordre des octets (BOM). Courier l’a retirée.',
    hint: 'Rien à faire.',
  },
  'line-endings': {
    message:
      'Les lignes se terminent de plusieurs façons. Courier les a toutes lues comme des fins de ligne.',
    message_crlf: 'Les lignes se terminent par CRLF (style Windows).',
    message_cr:
      'Les lignes se terminent par un CR seul (ancien style Mac). Courier les a lues correctement.',
    hint: 'C’est souvent le signe d’un fichier modifié par plusieurs programmes : vérifiez qu’aucune ligne n’a été coupée par erreur.',
    hint_crlf: 'Rien à faire.',
  },
  'nul-byte': {
    message_one:
      '{{count, number}} ligne contient des octets NUL{{where}}, signe d’un fichier endommagé ou binaire. Ils ont été remplacés par « � ».',
    message_other:
      '{{count, number}} lignes contiennent des octets NUL{{where}}, signe d’un fichier endommagé ou binaire. Ils ont été remplacés par « � ».',
    hint: 'Exportez la table de nouveau; si les octets NUL restent, vérifiez les enregistrements endommagés dans le système source.',
  },
  'control-char': {
    message_one: '{{count, number}} ligne contient des caractères de contrôle invisibles{{where}}.',
    message_other:
      '{{count, number}} lignes contiennent des caractères de contrôle invisibles{{where}}.',
    message_header:
      'L’en-tête (ligne {{first}}) contient des caractères de contrôle invisibles dans {{examples}}; un octet NUL s’affiche « � » dans le nom de la colonne.',
    hint: 'Retirez ces caractères de contrôle (souvent collés depuis un autre programme) de ces lignes.',
    hint_header:
      'Renommez ces colonnes dans la ligne d’en-tête, sans caractères de contrôle, et exportez la table de nouveau.',
  },
  delimiter: {
    message:
      'Les colonnes sont séparées par {{delimiter}}, pas par une virgule. Courier l’a lu ainsi.',
    hint: 'Courier l’a lu correctement, mais le consortium attend des fichiers séparés par des virgules : exportez en « CSV (séparateur : virgule) » la prochaine fois.',
  },
  'too-many-columns': {
    message:
      'L’en-tête compte plus de {{max, number}} colonnes, la limite de Courier. Aucune table de données n’en a autant.',
    hint: 'Vérifiez que le bon séparateur a été utilisé et que le fichier est bien une table de données, pas un export transposé ou un tableau croisé.',
  },
  'field-too-large': {
    message_one:
      '{{count, number}} ligne est trop grande pour que Courier la vérifie ({{limit}} Mo pour une ligne; {{lines}}). Elle est mise de côté, conservée en entier dans le fichier converti.',
    message_other:
      '{{count, number}} lignes sont trop grandes pour que Courier les vérifie ({{limit}} Mo pour une ligne; {{lines}}). Elles sont mises de côté, conservées en entier dans le fichier converti.',
    hint: 'Une ligne aussi grande est presque toujours une erreur d’export : un guillemet qui ouvre un champ et le ferme beaucoup plus loin, ou une colonne de données binaires. Ouvrez le fichier {{atFirst}} et vérifiez cette ligne.',
  },
  'sep-line': {
    message:
      'La ligne 1, « {{example}} », est la note d’Excel sur le séparateur, pas l’en-tête : Courier a lu les colonnes avec ce séparateur et pris l’en-tête à la ligne 2.',
    hint: 'Rien à corriger. Excel ajoute cette ligne aux fichiers enregistrés pour Excel; d’autres programmes peuvent la prendre pour l’en-tête : exportez sans elle quand c’est possible.',
  },
  'duplicate-file': {
    message:
      'Ce fichier identique a déjà été ajouté{{on}} sous le nom « {{example}} »{{table}}. Il a été ignoré pour ne pas compter les lignes deux fois.',
    message_again:
      'Ce fichier identique a déjà été ajouté{{on}} sous le nom « {{example}} »{{table}}. Il a été ajouté de nouveau, comme demandé.',
    hint: 'Rien à faire. Pour l’ajouter quand même, utilisez --force (ou « Vérifier de nouveau » dans la fenêtre).',
    hint_again:
      'Assurez-vous qu’une seule des deux copies est envoyée, sinon les lignes compteront deux fois.',
  },
  'possible-new-version': {
    message:
      'Un fichier de même nom et de même taille a été ajouté{{on}} avec un autre contenu : il semble s’agir d’une nouvelle version.',
    hint: 'S’il remplace le fichier précédent, assurez-vous qu’un seul des deux est envoyé.',
  },

  // --- the header -------------------------------------------------------------------------
  'blank-header': {
    message_one: '{{count, number}} colonne de l’en-tête n’a pas de nom ({{examples}}).',
    message_other: '{{count, number}} colonnes de l’en-tête n’ont pas de nom ({{examples}}).',
    hint: 'Donnez un nom à chaque colonne dans la première ligne du fichier, ou retirez les colonnes vides à la fin de l’export.',
  },
  'duplicate-header': {
    message:
      'L’en-tête nomme {{examples}} plus d’une fois (les noms sont comparés sans tenir compte de la casse).',
    hint: 'Chaque colonne doit avoir son propre nom. Renommez ou retirez la colonne répétée dans l’export.',
  },
  'missing-column': {
    message: 'La colonne « {{column}} » de la table {{table}} est absente de l’en-tête.',
    hint: 'Ajoutez une colonne « {{column}} » à l’export (elle peut rester vide là où la variable est facultative), ou vérifiez l’orthographe de l’en-tête.',
  },
  'extra-column': {
    message_one:
      '{{count, number}} colonne ne fait pas partie de la définition de la table {{table}} : {{examples}}. Elle est conservée dans le fichier converti, comme texte.',
    message_other:
      '{{count, number}} colonnes ne font pas partie de la définition de la table {{table}} : {{examples}}. Elles sont conservées dans le fichier converti, comme texte.',
    hint: 'Vérifiez l’orthographe par rapport à la définition de données, ou retirez la colonne si elle ne doit pas être envoyée.',
  },
  'renamed-column': {
    message:
      'La colonne « {{from}} » a été associée à « {{to}} » (les noms sont comparés sans tenir compte de la casse).',
    message_mapping:
      'La colonne « {{from}} » a été renommée « {{to}} » selon la correspondance de colonnes de la cohorte.',
    hint: 'Rien à faire. Pour ne plus voir cette remarque, écrivez le nom exact de la définition dans l’en-tête.',
    hint_mapping: 'Rien à faire : c’est ainsi que votre cohorte nomme cette colonne.',
  },
  'header-mismatch': {
    message:
      'L’en-tête diffère de celui du fichier précédent « {{example}} » de la table {{table}} dans cette transmission.',
    hint: 'Tous les fichiers d’une même table doivent avoir les mêmes colonnes dans le même ordre. Comparez les deux en-têtes.',
  },
  'table-unknown': {
    message: 'L’en-tête ne correspond à aucune table de données connue.',
    message_closest:
      'L’en-tête ne correspond assez à aucune table de données connue (la plus proche : {{example}}, {{share}} % des colonnes en commun).',
    message_several:
      'L’en-tête correspond aussi bien à plusieurs tables de données : {{examples}}.',
    hint: 'Choisissez vous-même la table (--table en ligne de commande), ou comparez l’en-tête aux définitions de données.',
  },

  // --- the structure of rows -------------------------------------------------------------
  'ragged-row': {
    message_one:
      '{{count, number}} ligne n’a pas le même nombre de champs que l’en-tête{{where}}. Elle a été mise de côté, non chargée.',
    message_other:
      '{{count, number}} lignes n’ont pas le même nombre de champs que l’en-tête{{where}}. Elles ont été mises de côté, non chargées.',
    hint: 'Ouvrez le fichier {{atFirst}} et cherchez un séparateur de trop, ou une valeur contenant un séparateur qui aurait dû être entre guillemets.',
  },
  'unclosed-quote': {
    message_one:
      '{{count, number}} ligne ouvre un guillemet qui n’est jamais fermé{{where}}. Elle a été mise de côté, non chargée.',
    message_other:
      '{{count, number}} lignes ouvrent un guillemet qui n’est jamais fermé{{where}}. Elles ont été mises de côté, non chargées.',
    hint: 'Ouvrez le fichier {{atFirst}} et ajoutez le guillemet fermant (") manquant, ou retirez le guillemet ouvrant en trop.',
  },
  'stray-quote': {
    message_one:
      '{{count, number}} ligne a un guillemet (") mal placé{{where}}. Elle a été mise de côté, non chargée.',
    message_other:
      '{{count, number}} lignes ont un guillemet (") mal placé{{where}}. Elles ont été mises de côté, non chargées.',
    hint: 'Ouvrez le fichier {{atFirst}} : un guillemet dans une valeur doit être doublé ("") et toute la valeur placée entre guillemets.',
  },
  'blank-row': {
    message_one: '{{count, number}} ligne vide dans les données{{where}} a été ignorée.',
    message_other: '{{count, number}} lignes vides dans les données{{where}} ont été ignorées.',
    hint: 'Vérifiez qu’aucun enregistrement ne manque à cet endroit; sinon, retirez les lignes vides.',
  },

  // --- values -----------------------------------------------------------------------------
  required: {
    message_one:
      '{{count, number}} ligne n’a pas de valeur pour « {{column}} », qui est obligatoire{{where}}.',
    message_other:
      '{{count, number}} lignes n’ont pas de valeur pour « {{column}} », qui est obligatoire{{where}}.',
    hint: 'Remplissez « {{column}} » sur chaque ligne, à commencer par la {{firstLine}}.',
  },
  type: {
    message_one: '{{count, number}} valeur de « {{column}} » n’est pas {{type}}{{where}}.',
    message_other: '{{count, number}} valeurs de « {{column}} » ne sont pas {{types}}{{where}}.',
    hint: 'Utilisez seulement des chiffres dans « {{column}} »; voir la {{firstLine}}. Le texte d’origine est conservé dans le fichier converti.',
    hint_number:
      'Utilisez seulement des chiffres, avec un point pour les décimales, dans « {{column}} »; voir la {{firstLine}}. Le texte d’origine est conservé dans le fichier converti.',
  },
  'date-format': {
    message_one:
      '{{count, number}} valeur de « {{column}} » n’est pas une date réelle écrite AAAA-MM-JJ{{where}}.',
    message_other:
      '{{count, number}} valeurs de « {{column}} » ne sont pas des dates réelles écrites AAAA-MM-JJ{{where}}.',
    hint: 'Écrivez les dates au format AAAA-MM-JJ (par exemple 2024-03-31) et vérifiez que le jour existe; voir la {{firstLine}}.',
  },
  'date-pattern': {
    message_one:
      '{{count, number}} date de « {{column}} » n’est pas au format AAAA-MM-JJ mais {{what}}{{where}}.',
    message_other:
      '{{count, number}} dates de « {{column}} » ne sont pas au format AAAA-MM-JJ mais {{what}}{{where}}.',
    hint: 'Exportez la colonne de nouveau au format AAAA-MM-JJ depuis le système source. Dans Excel, donnez à la colonne le format personnalisé aaaa-mm-jj avant d’enregistrer en CSV.',
    hint_ambiguous:
      'Courier ne peut pas savoir lequel est voulu : il ne propose donc aucune correction automatique. Exportez la colonne de nouveau au format AAAA-MM-JJ depuis le système source.',
    hint_twoDigits:
      'Une année à deux chiffres laisse deviner le siècle. Dans Excel, donnez à la colonne le format personnalisé aaaa-mm-jj avant d’enregistrer en CSV.',
    hint_sas:
      'Dans SAS, exportez la colonne avec le format yymmdd10. (format {{column}} yymmdd10.;); dans Stata, formatez-la en %tdCCYY-NN-DD avant export delimited.',
    hint_compact:
      'Dans SAS, utilisez le format yymmdd10. plutôt que yymmddn8.; dans Stata, %tdCCYY-NN-DD; dans R, format(x, "%Y-%m-%d").',
    hint_time:
      'Exportez la date seule : dans R, format(as.Date(x), "%Y-%m-%d"); en SQL, CAST(x AS DATE); dans SAS, datepart(x) avec le format yymmdd10.; dans Stata, dofc(x) avec le format %tdCCYY-NN-DD.',
    hint_serial:
      'Dans Excel, sélectionnez la colonne, donnez-lui le format personnalisé aaaa-mm-jj et enregistrez de nouveau en CSV.',
  },
  'allowed-values': {
    message_one:
      '{{count, number}} valeur de « {{column}} » ne fait pas partie des valeurs permises{{where}}.',
    message_other:
      '{{count, number}} valeurs de « {{column}} » ne font pas partie des valeurs permises{{where}}.',
    message_yesNo_one:
      '{{count, number}} valeur de « {{column}} » n’est pas une réponse oui/non que Courier connaît{{where}}.',
    message_yesNo_other:
      '{{count, number}} valeurs de « {{column}} » ne sont pas des réponses oui/non que Courier connaît{{where}}.',
    hint: 'Valeurs permises pour « {{column}} » : {{values}}.',
    hint_unknown:
      'Utilisez une des valeurs permises par la définition de données pour « {{column}} ».',
    hint_yesNo: 'Utilisez {{values}} (également acceptées : {{accepted}}).',
  },
  'case-mismatch': {
    message_one:
      '{{count, number}} valeur de « {{column}} » a été acceptée sans tenir compte de la casse ni des espaces.',
    message_other:
      '{{count, number}} valeurs de « {{column}} » ont été acceptées sans tenir compte de la casse ni des espaces.',
    hint: 'Rien à corriger. La définition les écrit ainsi : {{values}}.',
    hint_unknown: 'Rien à corriger.',
  },
  synonym: {
    message_one:
      '{{count, number}} valeur de « {{column}} » a été acceptée comme synonyme de l’orthographe documentée{{pairs}}.',
    message_other:
      '{{count, number}} valeurs de « {{column}} » ont été acceptées comme synonymes de l’orthographe documentée{{pairs}}.',
    hint: 'Rien ne bloque l’envoi. Faites correspondre ces codes aux mots de la définition de données dans le système source (un format SAS, une étiquette de valeur Stata, les étiquettes d’un facteur R, ou Rechercher et remplacer dans Excel).',
  },
  range: {
    message_one:
      '{{count, number}} valeur de « {{column}} » est hors de l’intervalle permis{{span}}{{where}}.',
    message_other:
      '{{count, number}} valeurs de « {{column}} » sont hors de l’intervalle permis{{span}}{{where}}.',
    hint: '« {{column}} » doit être{{span}}; voir la {{firstLine}}.',
    hint_unknown:
      'Vérifiez l’intervalle de « {{column}} » dans la définition de données; voir la {{firstLine}}.',
  },
  'missing-code': {
    message_one:
      '{{count, number}} cellule de « {{column}} » contient un code de valeur manquante ({{codes}}) au lieu d’être vide{{where}}.',
    message_other:
      '{{count, number}} cellules de « {{column}} » contiennent un code de valeur manquante ({{codes}}) au lieu d’être vides{{where}}.',
    message_required_one:
      '{{count, number}} cellule de « {{column}} » contient un code de valeur manquante ({{codes}}) au lieu d’être vide{{where}}. « {{column}} » est obligatoire : inscrivez la vraie valeur.',
    message_required_other:
      '{{count, number}} cellules de « {{column}} » contiennent un code de valeur manquante ({{codes}}) au lieu d’être vides{{where}}. « {{column}} » est obligatoire : inscrivez la vraie valeur.',
    hint: 'Laissez « {{column}} » vide là où il n’y a pas de valeur : exportez les valeurs manquantes comme des cellules vides (dans SAS, options missing=\' \'; dans R, write.csv(..., na = ""); dans Excel, effacez ces codes).',
    hint_required:
      'Inscrivez la vraie valeur de « {{column}} » : ce code signifie qu’elle manque dans le système source.',
  },
  'decimal-comma': {
    message_one:
      '{{count, number}} nombre de « {{column}} » est écrit avec une virgule décimale (12,5), comme l’écrit un export en français ou en allemand{{where}}.',
    message_other:
      '{{count, number}} nombres de « {{column}} » sont écrits avec une virgule décimale (12,5), comme l’écrit un export en français ou en allemand{{where}}.',
    hint: 'Écrivez les décimales avec un point (12.5) : dans Excel, exportez avec les paramètres régionaux anglais, ou remplacez la virgule par un point dans la colonne avant d’enregistrer en CSV.',
  },
  'thousands-separator': {
    message_one:
      '{{count, number}} nombre de « {{column}} » a des chiffres groupés par un séparateur de milliers (1,512 ou 1 512){{where}}.',
    message_other:
      '{{count, number}} nombres de « {{column}} » ont des chiffres groupés par un séparateur de milliers (1,512 ou 1 512){{where}}.',
    hint: 'Écrivez les nombres sans groupement (1512) : dans Excel, formatez la colonne en Nombre sans « Utiliser le séparateur de milliers »; dans SAS, utilisez BEST12. plutôt qu’un format COMMA; dans R, n’appliquez pas format() aux nombres avant de les écrire.',
  },
  recommended: {
    message_one: '{{count, number}} ligne n’a pas de « {{column}} », une valeur recommandée.',
    message_other: '{{count, number}} lignes n’ont pas de « {{column}} », une valeur recommandée.',
    hint: 'Remplissez « {{column}} » lorsque la valeur est connue : cela aide l’équipe centrale à interpréter les données.',
  },
  'required-when': {
    message_one:
      '{{count, number}} ligne n’a pas de « {{column}} » alors que « {{other}} » est {{state}}{{where}}.',
    message_other:
      '{{count, number}} lignes n’ont pas de « {{column}} » alors que « {{other}} » est {{state}}{{where}}.',
    hint: '« {{column}} » est obligatoire lorsque « {{other}} » est {{state}}; voir la {{firstLine}}.',
  },
  'forbidden-when': {
    message_one:
      '{{count, number}} ligne a une valeur pour « {{column}} » alors que « {{other}} » est {{state}}{{where}}.',
    message_other:
      '{{count, number}} lignes ont une valeur pour « {{column}} » alors que « {{other}} » est {{state}}{{where}}.',
    hint: '« {{column}} » devrait être vide lorsque « {{other}} » est {{state}}; voir la {{firstLine}}.',
  },
  'date-order': {
    message_one: '{{count, number}} ligne a « {{column}} » avant « {{other}} »{{where}}.',
    message_other: '{{count, number}} lignes ont « {{column}} » avant « {{other}} »{{where}}.',
    hint: 'Vérifiez les deux dates à la {{firstLine}} : « {{column}} » ne peut pas précéder « {{other}} ».',
  },
  'future-date': {
    message_one: '{{count, number}} date de « {{column}} » est dans le futur{{where}}.',
    message_other: '{{count, number}} dates de « {{column}} » sont dans le futur{{where}}.',
    hint: 'Vérifiez l’année et l’ordre du jour et du mois à la {{firstLine}}.',
  },
  'possible-phi': {
    message_one:
      '{{count, number}} valeur de « {{column}} » ressemble à un renseignement personnel qui identifie directement ({{kind}}){{where}}. Les exemples sont masqués.',
    message_other:
      '{{count, number}} valeurs de « {{column}} » ressemblent à un renseignement personnel qui identifie directement ({{kind}}){{where}}. Les exemples sont masqués.',
    message_column:
      'La colonne « {{column}} » semble contenir des identifiants directs ({{kind}}). Les exemples sont masqués.',
    hint: 'Retirez ces renseignements de l’export : les données transmises au consortium doivent être dépersonnalisées. Vérifiez les lignes indiquées avant tout envoi.',
  },

  // --- patient IDs ------------------------------------------------------------------------
  'duplicate-id': {
    message_one:
      '{{count, number}} ligne répète un « {{column}} » déjà présent plus haut dans le fichier{{where}}. Il doit être unique.',
    message_other:
      '{{count, number}} lignes répètent un « {{column}} » déjà présent plus haut dans le fichier{{where}}. Il doit être unique.',
    hint: 'Chaque patient doit figurer une seule fois dans cette table. Retirez ou fusionnez les lignes répétées, à commencer par la {{firstLine}}.',
  },
  'unknown-patient-id': {
    message_one:
      '{{count, number}} ligne ({{distinctText}}) nomme un patient absent de la table des patients de la transmission{{where}}.',
    message_other:
      '{{count, number}} lignes ({{distinctText}}) nomment un patient absent de la table des patients de la transmission{{where}}.',
    hint: 'Ajoutez ces patients à la table des patients, ou corrigez les identifiants (les zéros initiaux comptent : 00123 n’est pas 123), à commencer par la {{firstLine}}.',
    hint_warning:
      'Accepté selon la politique permissive{{threshold}}. Vérifiez s’il manque ces patients dans la table des patients, à commencer par la {{firstLine}}.',
    distinct_one: '{{count, number}} identifiant distinct',
    distinct_other: '{{count, number}} identifiants distincts',
  },
  'no-patient-table': {
    message:
      '« {{column}} » n’a pas été comparé à la table des patients : aucune table des patients n’est encore connue pour cette transmission.',
    hint: 'Ajoutez d’abord la table des patients (ou indiquez-la avec --patients); Courier vérifiera alors chaque identifiant.',
  },
  'id-leading-zeros-lost': {
    message_one:
      '{{count, number}} identifiant de « {{column}} » a perdu ses zéros initiaux : complété à {{width}} chiffres, il correspond à la table des patients{{where}}.',
    message_other:
      '{{count, number}} identifiants de « {{column}} » ont perdu leurs zéros initiaux : complétés à {{width}} chiffres, ils correspondent à la table des patients{{where}}.',
    hint: 'Un tableur a lu les identifiants comme des nombres et a retiré leurs zéros. Dans Excel, formatez la colonne d’identifiants en Texte avant de coller ou d’importer (Données → À partir d’un fichier texte/CSV, type de colonne Texte), ou exportez directement en CSV depuis le système source.',
  },
  'id-scientific-notation': {
    message_one:
      '{{count, number}} identifiant de « {{column}} » a été transformé en nombre par un tableur (écrit comme 4.30E+01); l’identifiant d’origine est peut-être perdu{{where}}.',
    message_other:
      '{{count, number}} identifiants de « {{column}} » ont été transformés en nombres par un tableur (écrits comme 4.30E+01); les identifiants d’origine sont peut-être perdus{{where}}.',
    hint: 'Exportez de nouveau les identifiants depuis le système source : un nombre en notation scientifique ne garde que ses premiers chiffres, Courier ne peut donc pas les rétablir. Dans Excel, formatez la colonne d’identifiants en Texte avant de coller ou d’importer.',
  },
  'id-whitespace': {
    message_one:
      '{{count, number}} identifiant de « {{column}} » a des espaces avant ou après; sans ces espaces, il correspond à la table des patients{{where}}.',
    message_other:
      '{{count, number}} identifiants de « {{column}} » ont des espaces avant ou après; sans ces espaces, ils correspondent à la table des patients{{where}}.',
    hint: 'Le dépôt du consortium retire ces espaces; Courier garde le texte exact, pour que le fichier dise ce qui a été envoyé. Retirez les espaces dans l’export (dans Excel, =SUPPRESPACE(); dans SAS, strip(); dans R, trimws()).',
  },

  // --- this year against last year ------------------------------------------------------
  'fewer-rows': {
    message:
      'La table de données {{table}} compte {{rows}} lignes, {{drop}} % de moins que les {{before}} de la transmission de {{year}}.',
    message_unknown:
      'La table de données compte nettement moins de lignes que l’an dernier ({{examples}}).',
    hint: 'Vérifiez que l’export couvre toute la période et chaque site ou sous-site : un trimestre perdu ou une source manquante se voit d’abord ici.',
  },
  'patients-lost': {
    message:
      '{{lost}} patients de la table des patients de {{year}} ({{share}} %) sont absents de celle de cette année, et aucun décès n’est consigné pour eux ({{died}} autres étaient décédés; {{added}} patients sont nouveaux).',
    message_unknown:
      'Des patients de l’an dernier sont absents de la table des patients de cette année, sans décès consigné ({{examples}}).',
    hint: 'Les patients ne sont pas retirés d’une cohorte : vérifiez les filtres de l’export (dates d’inscription, sous-sites, consentements). La liste de ces patients se trouve dans l’export de la comparaison, sur cet ordinateur.',
  },
  'coverage-gap': {
    message_one:
      '« {{column}} » n’a aucune ligne pour le mois {{months}}, qui en comptait {{had}} dans la transmission de {{year}}.',
    message_other:
      '« {{column}} » n’a aucune ligne pour {{count, number}} mois ({{months}}), qui en comptaient {{had}} dans la transmission de {{year}}.',
    hint: 'Un mois qui disparaît est généralement un export interrompu ou un système source qui a changé : vérifiez l’export pour ces mois.',
  },
  'distribution-shift': {
    message:
      'Les valeurs de « {{column}} » ont changé : {{moves}} des lignes, par rapport à {{year}}.',
    hint: 'Un écart de cette taille signifie généralement un recodage (une nouvelle liste de codes, une correspondance modifiée dans le système source), pas un changement chez les patients : vérifiez comment la colonne est codée maintenant.',
  },
};

/** The shape of the French issue templates (a code → its message and hint templates). */
export type IssueCatalog = typeof issuesFr;
