visieSearch.load("index",{"chunks":["0","ligg","ziek"],"sections":53,"stemmer":"dutch","version":1});
