visieSearch.load("index",{"chunks":["0","lotgenot","zorg"],"sections":53,"stemmer":"dutch","version":1});
