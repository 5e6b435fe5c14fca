/** A short trilingual news text in two paragraphs, posted as a document by the document tests. */
export const AR =
  'وصل الوزير إلى بكين صباح الاثنين في زيارة تستغرق ثلاثة أيام. ' +
  'والتقى نظيره الصيني وبحثا التعاون في مجال الطاقة والتجارة.\n\n' +
  'ووقع الجانبان 12 اتفاقية. وقال الوزير إن العلاقات بين البلدين تشهد تطورا سريعا.';
export const EN =
  'The minister arrived in Beijing on Monday morning for a three-day visit. ' +
  'He met his Chinese counterpart and they discussed cooperation in energy and trade.\n\n' +
  'The two sides signed 12 agreements. The minister said relations between the two countries are developing rapidly.';
export const ZH =
  '部长周一上午抵达北京，进行为期三天的访问。他会见了中方同行，双方讨论了能源和贸易领域的合作。\n\n双方签署了12项协议。部长说，两国关系正在快速发展。';
